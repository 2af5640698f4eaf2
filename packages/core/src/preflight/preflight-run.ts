import { SynthesisError } from '../errors/synthesis-error.js';
import { journalPaths, legacyJournalPaths } from '../journal/journal-paths.js';
import { formatForPath } from '../output/format-for-path.js';
import type { OutputFormat } from '../output/output-format.js';
import { checkOutputTarget } from './check-output-target.js';
import { fileIdentity, sameFile } from './file-identity.js';
import { describeInputRole, type InputFile } from './input-file.js';

/** What {@link preflightRun} checks. */
export interface PreflightOptions {
  /** Where the run writes its records; omitted for entrances that write nothing (estimates). */
  output?: string;
  /** Every file the run reads: seeds, schema, guidelines, topics, analysis-folder files, held-out set. */
  inputs: readonly InputFile[];
  /** The output format asked for, if any: it must fit the output's extension (see `formatForPath`). */
  format?: OutputFormat | undefined;
}

/**
 * The check every entrance (CLI, MCP, library) passes before anything is written or paid for: the
 * output and every file kept for it (journal, rejects, state and lock in `.datasynth/`, the legacy
 * files beside it, stats) is a regular file or absent, not under /proc or /sys, in a folder that
 * exists or can be created, and none of them is (by real path, or by device and inode) one of the
 * run's inputs; the format fits the extension. Input files themselves are checked where they are
 * read (`readTextFile`: regular, bounded, strict UTF-8).
 *
 * @returns the absolute output path, when there is one.
 * @throws SynthesisError `invalid_input`, or OutputError `format_mismatch`: one line naming the file and what to do.
 */
export function preflightRun(options: PreflightOptions): { output?: string } {
  if (options.output === undefined) return {};
  const output = checkOutputTarget(options.output);
  formatForPath(output, options.format);
  const written = runFiles(output);
  for (const file of written.slice(1)) checkOutputTarget(file, 'File');
  const inputs = options.inputs.map((input) => ({ input, identity: fileIdentity(input.path) }));
  for (const file of written) {
    const identity = fileIdentity(file);
    const clash = inputs.find((candidate) => sameFile(candidate.identity, identity));
    if (clash === undefined) continue;
    const where = file === output ? `Output ${output}` : `Output ${output} keeps ${file} beside it, which`;
    throw new SynthesisError(
      'invalid_input',
      `${where} is the run's ${describeInputRole(clash.input.role)} ${clash.input.path}: writing there would destroy it. Choose another output path.`,
      { path: output },
    );
  }
  return { output };
}

/**
 * The output and every file a run writes or moves for it: the bookkeeping in `.datasynth/`, the
 * legacy files beside the output (moved into `.datasynth/` when a run opens), and the stats files.
 */
function runFiles(output: string): string[] {
  const paths = journalPaths(output);
  const legacy = legacyJournalPaths(output);
  return [
    output,
    paths.journal,
    paths.rejects,
    paths.state,
    paths.lock,
    legacy.journal,
    legacy.rejects,
    legacy.state,
    `${output}.stats.json`,
    `${output}.stats.html`,
  ];
}
