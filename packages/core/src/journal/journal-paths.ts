import path from 'node:path';

/** The files that belong to one run, all derived from its output path. */
export interface JournalPaths {
  /** The final output, written at the end of a run (absolute). */
  output: string;
  /** Accepted records, one JSON line each: `<output>.journal.jsonl`. */
  journal: string;
  /** Rejected items with their reasons, one JSON line each: `<output>.rejects.jsonl`. */
  rejects: string;
  /** The run state, replaced atomically: `<output>.state.json`. */
  state: string;
}

/** The journal, rejects and state file paths for an output path (resolved to absolute). */
export function journalPaths(outputPath: string): JournalPaths {
  const output = path.resolve(outputPath);
  return {
    output,
    journal: `${output}.journal.jsonl`,
    rejects: `${output}.rejects.jsonl`,
    state: `${output}.state.json`,
  };
}
