import path from 'node:path';
import {
  computeStats,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  describeJudgeAgreement,
  groupProvenanceFile,
  type InputFile,
  loadHoldout,
  loadInputs,
  loadRunReport,
  PROVENANCE_GROUPS,
  type ProvenanceGroup,
  type ProvenanceGroups,
  preflightRun,
  provenancePath,
  readRecordsFile,
  readRunManifest,
  renderReport,
} from '@datasynth/core';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { writeTextFile } from '../io/write-text-file.js';
import { addInputFileOptions, schemaSourceFrom } from '../options/input-options.js';
import { formatManifest, formatProvenanceGroups, formatStats } from '../render/stats-report.js';

interface StatsOptions {
  schema?: string;
  seeds?: string;
  html?: string;
  holdout?: string[];
  groupBy?: ProvenanceGroup;
}

/** `datasynth stats <data>`: distributions and diversity figures; a table, or the raw object with `--json`. */
export function registerStats(program: Command, context: CliContext): Command {
  const command = program
    .command('stats')
    .description('distributions and diversity figures of a records file')
    .argument('<data>', 'records file: DataSynth/DataRecipe envelope, JSON array or JSONL');
  addInputFileOptions(command);
  command.option(
    '--holdout <file>',
    'held-out or evaluation records (repeatable): count the records that copy, nearly copy or share 13 words (20 CJK characters) with one',
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
  command.addOption(
    new Option(
      '--group-by <key>',
      'count the records (and their cost) by a provenance key, read from <data>.provenance.jsonl',
    ).choices(PROVENANCE_GROUPS),
  );
  command.option(
    '--html <file>',
    'also write a self-contained HTML report with charts (with the run’s funnel and costs when its run state is kept)',
  );
  return command.action(async (dataPath: string, options: StatsOptions) => {
    const { output, messages } = context;
    if (options.html !== undefined) {
      // The report must not land on what it reports on: checked before anything is read or written.
      const inputs: InputFile[] = [
        { path: dataPath, role: 'records' },
        ...(options.schema === undefined ? [] : [{ path: options.schema, role: 'schema' as const }]),
        ...(options.seeds === undefined ? [] : [{ path: options.seeds, role: 'seeds' as const }]),
        ...(options.holdout ?? []).map((file) => ({ path: file, role: 'holdout' as const })),
      ];
      preflightRun({ output: options.html, inputs });
    }
    const schema =
      options.schema === undefined ? undefined : loadInputs(schemaSourceFrom(options.schema)).schema;
    const seeds = options.seeds === undefined ? undefined : await readRecordsFile(options.seeds);
    const records = await readRecordsFile(dataPath);
    const holdout =
      options.holdout === undefined
        ? undefined
        : await loadHoldout(options.holdout, { threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD });
    const stats = computeStats(records, {
      ...(schema && { schema }),
      ...(seeds && { seeds }),
      ...(holdout && { holdout }),
    });
    let groups: ProvenanceGroups | undefined;
    if (options.groupBy !== undefined) {
      groups = await groupProvenanceFile(dataPath, options.groupBy);
      if (groups === undefined) {
        throw new ExitError(
          EXIT_CODES.usage,
          `--group-by reads the per-record provenance in ${provenancePath(dataPath)}: there is none. Generate the data with provenance kept (the default; not with --no-provenance), then group it.`,
        );
      }
    }
    // A DataSynth output has its run's state beside it: the run manifest and the judge's gold
    // agreement are read from there.
    const manifest = readRunManifest(dataPath);
    const run = await loadRunReport(dataPath);
    output.summary(formatStats(stats, messages));
    if (manifest) output.summary(formatManifest(manifest));
    if (run?.judgeGold) output.summary(describeJudgeAgreement(run.judgeGold).join('\n'));
    if (groups) output.summary(formatProvenanceGroups(groups.by, groups.rows));
    if (options.html !== undefined) {
      const html = renderReport(stats, {
        title: path.basename(dataPath),
        records,
        ...(seeds && { seeds }),
        ...(run && { run }),
      });
      writeTextFile(options.html, html, { overwrite: true, overwriteFlag: '' });
      output.info(messages.stats.htmlWritten(options.html));
    }
    output.json({
      ...stats,
      ...(options.html !== undefined && { htmlPath: options.html }),
      ...(manifest && { manifest }),
      ...(groups && { groups }),
      ...(run?.judgeGold && { judgeGold: run.judgeGold }),
      ...(run?.diversityTrail && { diversityTrail: run.diversityTrail }),
      exitCode: EXIT_CODES.ok,
    });
  });
}
