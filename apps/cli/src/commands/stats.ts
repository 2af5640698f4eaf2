import path from 'node:path';
import {
  computeStats,
  type InputFile,
  loadInputs,
  loadRunReport,
  preflightRun,
  readRecordsFile,
  renderReport,
} from '@datasynth/core';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { writeTextFile } from '../io/write-text-file.js';
import { addInputFileOptions, schemaSourceFrom } from '../options/input-options.js';
import { formatStats } from '../render/stats-report.js';

interface StatsOptions {
  schema?: string;
  seeds?: string;
  html?: string;
}

/** `datasynth stats <data>`: distributions and diversity figures; a table, or the raw object with `--json`. */
export function registerStats(program: Command, context: CliContext): Command {
  const command = program
    .command('stats')
    .description('distributions and diversity figures of a records file')
    .argument('<data>', 'records file: DataSynth/DataRecipe envelope, JSON array or JSONL');
  addInputFileOptions(command);
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
      ];
      preflightRun({ output: options.html, inputs });
    }
    const schema =
      options.schema === undefined ? undefined : loadInputs(schemaSourceFrom(options.schema)).schema;
    const seeds = options.seeds === undefined ? undefined : await readRecordsFile(options.seeds);
    const records = await readRecordsFile(dataPath);
    const stats = computeStats(records, { ...(schema && { schema }), ...(seeds && { seeds }) });
    output.summary(formatStats(stats, messages));
    if (options.html !== undefined) {
      const run = await loadRunReport(dataPath);
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
      exitCode: EXIT_CODES.ok,
    });
  });
}
