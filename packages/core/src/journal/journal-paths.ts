import path from 'node:path';

/** The hidden folder that holds a run's bookkeeping. */
export const BOOKKEEPING_FOLDER = '.datasynth';

/** The folder of a DataRecipe analysis that holds synthetic data; DataCheck reads it. */
const DATARECIPE_OUTPUT_FOLDER = '11_合成数据';

/** The files that belong to one run, all derived from its output path. */
export interface JournalPaths {
  /** The final output, written at the end of a run (absolute). */
  output: string;
  /** Where the run's bookkeeping lives: a hidden `.datasynth` folder (see `journalPaths`). */
  folder: string;
  /** Accepted records, one JSON line each: `<folder>/<output name>.journal.jsonl`. */
  journal: string;
  /** Rejected items with their reasons, one JSON line each: `<folder>/<output name>.rejects.jsonl`. */
  rejects: string;
  /** The run state, replaced atomically: `<folder>/<output name>.state.json`. */
  state: string;
  /** The exclusive lock of the writer: `<folder>/<output name>.lock`. */
  lock: string;
  /**
   * The per-record provenance sidecar: `<output>.provenance.jsonl` beside the output, or
   * `<folder>/<output name>.provenance.jsonl` for an output in a DataRecipe folder's `11_合成数据/`
   * (DataCheck would count it as a dataset there).
   */
  provenance: string;
}

/**
 * The journal, rejects, state and lock paths for an output path (resolved to absolute). They sit in a
 * hidden `.datasynth` folder beside the output, except for an output inside a DataRecipe folder's
 * `11_合成数据/`: DataCheck counts every .json/.jsonl file under that folder as a dataset (hidden
 * subfolders too), so there the bookkeeping goes to `<analysis folder>/.datasynth/`.
 */
export function journalPaths(outputPath: string): JournalPaths {
  const output = path.resolve(outputPath);
  const outputFolder = path.dirname(output);
  const inDataRecipe = path.basename(outputFolder) === DATARECIPE_OUTPUT_FOLDER;
  const folder = inDataRecipe
    ? path.join(path.dirname(outputFolder), BOOKKEEPING_FOLDER)
    : path.join(outputFolder, BOOKKEEPING_FOLDER);
  const name = path.basename(output);
  return {
    output,
    folder,
    journal: path.join(folder, `${name}.journal.jsonl`),
    rejects: path.join(folder, `${name}.rejects.jsonl`),
    state: path.join(folder, `${name}.state.json`),
    lock: path.join(folder, `${name}.lock`),
    provenance: inDataRecipe ? path.join(folder, `${name}.provenance.jsonl`) : `${output}.provenance.jsonl`,
  };
}

/** Where releases before 0.2 kept the same files: beside the output (`<output>.journal.jsonl` …). */
export function legacyJournalPaths(output: string): Pick<JournalPaths, 'journal' | 'rejects' | 'state'> {
  return {
    journal: `${output}.journal.jsonl`,
    rejects: `${output}.rejects.jsonl`,
    state: `${output}.state.json`,
  };
}
