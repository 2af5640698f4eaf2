import { rm, rmdir } from 'node:fs/promises';
import packageJson from '../../package.json' with { type: 'json' };
import { SynthesisError } from '../errors/synthesis-error.js';
import { isFileError, writeFileAtomic } from '../fs/index.js';
import { runPostHook } from '../hooks/post-hook.js';
import { readJournalEntries } from '../journal/index.js';
import { type OutputFormat, writeOutput } from '../output/index.js';
import { withoutProvenance } from '../provenance/call-provenance.js';
import {
  provenancePath,
  readProvenanceSidecar,
  writeProvenanceSidecar,
} from '../provenance/provenance-sidecar.js';
import { buildRunReport } from '../report/build-run-report.js';
import { renderReport } from '../report/render-report.js';
import { computeStats } from '../stats/index.js';
import type { SynthesisResult } from './events.js';
import type { OpenedRun } from './open-run.js';
import type { RunEvents } from './run-events.js';
import { type RunStop, roundUsd } from './run-tally.js';
import type { SynthesisRunOptions } from './synthesis-run.js';

/**
 * Ends a run, however it stopped: waits for the journal, saves the state, writes the output from the
 * journal (partial runs too), the stats and HTML report when asked, runs the post-hook after a
 * finished run, and returns the result (also emitted as `finished`).
 */
export async function finishRun(
  options: SynthesisRunOptions,
  run: OpenedRun,
  events: RunEvents,
): Promise<SynthesisResult> {
  const { config, inputs, output, model } = options;
  const { tally, plan, journal, queue } = run;
  const stop: RunStop = run.gate.stop ?? { reason: 'done' };
  await queue.drain();
  if (stop.reason === 'unreachable' && tally.accepted === 0 && tally.batches.length === 0)
    return endUnreached(options, run, events, stop);
  await journal.writeState(tally.toState(plan.position(), run.gate.stop));
  const format: OutputFormat = config.outputFormat ?? (/\.jsonl$/i.test(output) ? 'jsonl' : 'json');
  const durationMs = Date.now() - tally.startedAt;
  const cost = tally.totalCost();
  await writeOutput({
    path: output,
    format,
    // Streamed back from the journal: the run never holds every record in memory. Provenance goes
    // to its sidecar, not into the output.
    entries: mapEntries(readJournalEntries(journal.paths.journal), withoutProvenance),
    schema: inputs.schema as unknown as Parameters<typeof writeOutput>[0]['schema'],
    dataType: plan.dataType,
    metadata: {
      generator: `DataSynth ${packageJson.version}`,
      ...(inputs.datasetId !== undefined && { source_dataset: inputs.datasetId }),
      model: model.modelId,
      provider: model.provider,
      temperature: plan.temperature ?? null,
      seed_count: inputs.seeds.length,
      target_count: config.targetCount,
      generated_count: tally.accepted,
      rejected_count: tally.rejected,
      duplicate_count: tally.duplicates.exact + tally.duplicates.near,
      language: plan.language,
      data_type: plan.dataType,
      usage: tally.totalUsage(),
      cost_usd: cost === undefined ? null : roundUsd(cost),
      duration_ms: durationMs,
      stopped_because: stop.reason,
      created_at: new Date().toISOString(),
    },
  });
  const sidecar = await writeSidecar(options, run);
  const stats = config.stats || config.statsHtml ? await writeStats(options, run) : {};
  let postHook: SynthesisResult['postHook'];
  if (config.postHook && stop.reason === 'done') {
    postHook = await runPostHook(config.postHook, {
      analysis_dir: inputs.analysisDir ?? '',
      output_path: output,
      count: tally.accepted,
    });
    if (!postHook.ok) {
      events.warn(
        `The post-hook failed (exit ${postHook.exitCode ?? 'none'}): ${postHook.output.split('\n')[0] ?? ''}`,
      );
    }
  }
  const result: SynthesisResult = {
    ...tally.toResult({
      stop,
      outputPath: output,
      outputFormat: format,
      rejectsPath: journal.paths.rejects,
      journalPath: journal.paths.journal,
      statePath: journal.paths.state,
      ...stats,
      estimatedCost: options.estimatedCost,
      durationMs,
      warnings: events.warnings,
      ...(postHook && { postHook }),
    }),
    ...(sidecar !== undefined && { provenancePath: sidecar }),
  };
  events.emit({ type: 'finished', result });
  return result;
}

/**
 * A run that never reached its model server and holds no record leaves nothing behind (no output, no
 * journal, no state) so that a plain re-run is not refused as an existing output.
 */
async function endUnreached(
  options: SynthesisRunOptions,
  run: OpenedRun,
  events: RunEvents,
  stop: RunStop,
): Promise<SynthesisResult> {
  const { journal, tally } = run;
  await journal.close();
  const { paths } = journal;
  await Promise.all([paths.journal, paths.rejects, paths.state].map((file) => rm(file, { force: true })));
  // The bookkeeping folder goes too when nothing else is in it.
  await rmdir(paths.folder).catch(() => {});
  const result = tally.toResult({
    stop,
    outputPath: options.output,
    outputFormat: options.config.outputFormat ?? (/\.jsonl$/i.test(options.output) ? 'jsonl' : 'json'),
    rejectsPath: paths.rejects,
    journalPath: paths.journal,
    statePath: paths.state,
    estimatedCost: options.estimatedCost,
    durationMs: Date.now() - tally.startedAt,
    warnings: events.warnings,
  });
  events.emit({ type: 'finished', result });
  return result;
}

/**
 * With `provenance`: `<output>.provenance.jsonl` from the journal (one line per record, in output
 * order), its path returned. Without: a sidecar left by an earlier session is removed, since it
 * would no longer match the output.
 */
async function writeSidecar(options: SynthesisRunOptions, run: OpenedRun): Promise<string | undefined> {
  const { output, config } = options;
  const file = provenancePath(output);
  try {
    if (!config.provenance) {
      await rm(file, { force: true });
      return undefined;
    }
    await writeProvenanceSidecar(output, readJournalEntries(run.journal.paths.journal));
    return file;
  } catch (error) {
    if (isFileError(error)) throw new SynthesisError('io', error.message, { path: error.path });
    throw error;
  }
}

async function* mapEntries<T, U>(entries: AsyncIterable<T>, map: (entry: T) => U): AsyncGenerator<U> {
  for await (const entry of entries) yield map(entry);
}

/** `<output>.stats.json`, and with `statsHtml` the report `<output>.stats.html`. */
async function writeStats(
  options: SynthesisRunOptions,
  run: OpenedRun,
): Promise<{ statsPath: string; statsHtmlPath?: string }> {
  const { config, inputs, output } = options;
  const statsPath = `${output}.stats.json`;
  const records: Record<string, unknown>[] = [];
  for await (const entry of readJournalEntries(run.journal.paths.journal)) records.push(entry.data);
  const stats = computeStats(records, {
    schema: inputs.schema,
    seeds: inputs.seeds,
    nearThreshold: config.dedup.threshold,
  });
  await writeReportFile(statsPath, `${JSON.stringify(stats, null, 2)}\n`);
  if (!config.statsHtml) return { statsPath };
  const statsHtmlPath = `${output}.stats.html`;
  const provenance = config.provenance ? await readProvenanceSidecar(output) : undefined;
  const report = await buildRunReport({
    state: run.tally.toState(run.plan.position(), run.gate.stop),
    rejectsPath: run.journal.paths.rejects,
    ...(provenance && { provenance }),
  });
  const html = renderReport(stats, {
    title: inputs.datasetId ?? output,
    records,
    seeds: inputs.seeds,
    run: report,
  });
  await writeReportFile(statsHtmlPath, html);
  return { statsPath, statsHtmlPath };
}

async function writeReportFile(file: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(file, content);
  } catch (error) {
    if (isFileError(error)) throw new SynthesisError('io', error.message, { path: error.path });
    throw error;
  }
}
