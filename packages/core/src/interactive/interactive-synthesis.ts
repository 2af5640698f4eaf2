import { rm } from 'node:fs/promises';
import { detectDataType, type InteractivePrompt, prepareInteractive } from '@datasynth/prompts';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import { type OutputFormat, writeOutput } from '../output/index.js';
import { preflightRun } from '../preflight/index.js';
import { lastCallNumber, stampProvenance, withoutProvenance } from '../provenance/call-provenance.js';
import { provenancePath, writeProvenanceSidecar } from '../provenance/provenance-sidecar.js';
import { openRunJournal } from '../synthesizer/open-run.js';
import { NO_RECORDS_REASON, readReply } from '../synthesizer/read-reply.js';
import { RecordIntake } from '../synthesizer/record-intake.js';
import { RunTally } from '../synthesizer/run-tally.js';

/** Options of {@link prepareInteractiveSynthesis}. */
export interface InteractivePromptOptions {
  /**
   * Seed records shown as examples, picked evenly across the seeds (default: the API mode's
   * sample size, the `seedSampleCount` setting). The prompt says how many of how many it shows.
   */
  examples?: number;
}

/**
 * Builds the self-contained prompt of the no-key interactive mode (a person or host model answers
 * it). It shows a sample of the seeds, not all of them: a whole seed file overflows most local
 * models' context, which truncate it silently.
 */
export function prepareInteractiveSynthesis(
  inputs: SynthesisInputs,
  config: Pick<
    ResolvedSynthesisConfig,
    'targetCount' | 'dataType' | 'language' | 'diversity' | 'seedSampleCount'
  >,
  options: InteractivePromptOptions = {},
): InteractivePrompt {
  return prepareInteractive({
    schema: inputs.schema,
    seeds: inputs.seeds,
    examples: options.examples ?? config.seedSampleCount,
    count: config.targetCount,
    ...(inputs.guidelines !== undefined && { guidelines: inputs.guidelines }),
    dataType: config.dataType,
    language: config.language,
    diversity: config.diversity,
  });
}

/** What ingesting a reply did. */
export interface IngestResult {
  /** Records parsed from the reply. */
  parsed: number;
  added: number;
  invalid: number;
  duplicates: { exact: number; near: number };
  /** Records in the output after this reply. */
  total: number;
  outputPath: string;
  rejectsPath: string;
  /** One line per dropped or rejected record, saying why. */
  issues: string[];
}

/**
 * Parses a model's reply (pasted by a person, or returned by the MCP host) and passes its records
 * through the same `RecordIntake` as a run (schema check, duplicates of the seeds, of what the output
 * already holds and within the reply, with the same reject reasons and `matched` field), then appends
 * the accepted ones to the output. A reply with no records at all changes nothing and throws.
 */
export async function ingestReply(options: {
  text: string;
  inputs: SynthesisInputs;
  output: string;
  format?: OutputFormat;
  validate?: boolean;
  dedup: ResolvedSynthesisConfig['dedup'];
  /**
   * Keep each added record's provenance (model `host`, call `reply-N`, time) and write
   * `<output>.provenance.jsonl` (default true); false writes none and removes an earlier one.
   */
  provenance?: boolean;
}): Promise<IngestResult> {
  const { schema, seeds } = options.inputs;
  const reply = readReply({ text: options.text }, schema);
  if (reply.records.length === 0) {
    const dropped = reply.rejects[0]?.reasons[0];
    const why =
      dropped === undefined || dropped === NO_RECORDS_REASON ? 'no JSON records were found' : dropped;
    throw new SynthesisError(
      'invalid_input',
      `The reply holds no records to add (${why}). Paste the model's whole answer, with its JSON array.`,
    );
  }
  // Before the journal exists: the output must be a writable regular file that is none of the inputs.
  preflightRun({ output: options.output, inputs: options.inputs.files ?? [], format: options.format });
  const { journal, existing } = await openRunJournal(options.output, 'append');
  try {
    const tally = new RunTally({
      schemaFingerprint: '',
      model: 'interactive',
      provider: 'interactive',
      targetCount: Number.POSITIVE_INFINITY,
    });
    tally.restore(undefined, existing.length);
    const intake = new RecordIntake({
      schema,
      validate: options.validate !== false,
      dedup: options.dedup,
      seeds,
      existing,
      tally,
    });
    const admission = await intake.admit(reply.records);
    const issues = [
      ...reply.rejects.map((reject) => `dropped: ${reject.reasons[0] ?? reject.kind}`),
      ...admission.rejects.map(({ index, reject }) => `record ${index + 1}: ${reject.reasons.join('; ')}`),
    ];
    const at = new Date().toISOString();
    const keepProvenance = options.provenance !== false;
    if (keepProvenance) {
      const replyNumber = lastCallNumber(existing, 'reply') + 1;
      stampProvenance(admission.accepted, { callId: `reply-${replyNumber}`, model: 'host' }, at);
    }
    const rejects = [...reply.rejects, ...admission.rejects.map((entry) => entry.reject)];
    if (admission.accepted.length > 0) await journal.appendAccepted(admission.accepted);
    if (rejects.length > 0) await journal.appendRejected(rejects.map((entry) => ({ ...entry, at })));
    const entries = [...existing, ...admission.accepted];
    const format = options.format ?? (/\.jsonl$/i.test(options.output) ? 'jsonl' : 'json');
    await writeOutput({
      path: options.output,
      format,
      entries: entries.map(withoutProvenance),
      schema: schema as unknown as Parameters<typeof writeOutput>[0]['schema'],
      dataType: detectDataType(schema),
      metadata: {
        generator: 'DataSynth (interactive)',
        seed_count: seeds.length,
        generated_count: entries.length,
      },
    });
    if (keepProvenance) await writeProvenanceSidecar(options.output, entries);
    else await rm(provenancePath(options.output), { force: true });
    return {
      parsed: reply.records.length,
      added: admission.accepted.length,
      invalid: tally.rejectedByReason.invalid ?? 0,
      duplicates: { ...tally.duplicates },
      total: entries.length,
      outputPath: options.output,
      rejectsPath: journal.paths.rejects,
      issues,
    };
  } finally {
    await journal.close();
  }
}
