import {
  createValidator,
  detectDataType,
  type InteractivePrompt,
  parseRecords,
  prepareInteractive,
} from '@datasynth/prompts';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { DedupIndex } from '../dedup/index.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import {
  type JournalEntry,
  JournalError,
  nextRecordId,
  openJournal,
  type RejectEntry,
} from '../journal/index.js';
import { type OutputFormat, writeOutput } from '../output/index.js';
import { preflightRun } from '../preflight/index.js';

/** Builds the self-contained prompt of the no-key interactive mode (a person or host model answers it). */
export function prepareInteractiveSynthesis(
  inputs: SynthesisInputs,
  config: Pick<ResolvedSynthesisConfig, 'targetCount' | 'dataType' | 'language' | 'diversity'>,
): InteractivePrompt {
  return prepareInteractive({
    schema: inputs.schema,
    seeds: inputs.seeds,
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
 * Parses a model's reply (pasted by a person, or returned by the MCP host), validates it, drops
 * duplicates of the seeds and of what the output already holds, and appends the rest to the output.
 * A reply with no records at all changes nothing and throws.
 */
export async function ingestReply(options: {
  text: string;
  inputs: SynthesisInputs;
  output: string;
  format?: OutputFormat;
  validate?: boolean;
  dedup: ResolvedSynthesisConfig['dedup'];
}): Promise<IngestResult> {
  const { schema, seeds } = options.inputs;
  const parsed = parseRecords(options.text, schema);
  if (parsed.records.length === 0) {
    const why = parsed.dropped[0]?.reason ?? 'no JSON records were found';
    throw new SynthesisError(
      'invalid_input',
      `The reply holds no records to add (${why}). Paste the model's whole answer, with its JSON array.`,
    );
  }
  // Before the journal exists: the output must be a writable regular file that is none of the inputs.
  preflightRun({ output: options.output, inputs: options.inputs.files ?? [], format: options.format });
  let opened: Awaited<ReturnType<typeof openJournal>>;
  try {
    opened = await openJournal({ outputPath: options.output, mode: 'append' });
  } catch (error) {
    if (error instanceof JournalError) {
      throw new SynthesisError(error.code === 'locked' ? 'locked' : 'io', error.message, {
        path: error.path,
      });
    }
    throw error;
  }
  const { journal, existing } = opened;
  try {
    const validator = createValidator(schema);
    const dedup = new DedupIndex(options.dedup);
    seeds.forEach((seed, index) => {
      dedup.add(seed, `seed #${index + 1}`, 'seed');
    });
    for (const entry of existing) dedup.add(entry.data, entry.id, 'accepted');
    const issues = parsed.dropped.map((dropped) => `dropped: ${dropped.reason}`);
    const rejects: RejectEntry[] = parsed.dropped.map((dropped) => ({
      kind: 'unparsed',
      reasons: [dropped.reason],
      ...(dropped.snippet !== undefined && { raw: dropped.snippet }),
    }));
    const added: JournalEntry[] = [];
    const duplicates = { exact: 0, near: 0 };
    let invalid = 0;
    parsed.records.forEach((record, index) => {
      if (options.validate !== false) {
        const check = validator.validate(record);
        if (!check.ok) {
          invalid += 1;
          issues.push(`record ${index + 1}: ${check.issues.join('; ')}`);
          rejects.push({ kind: 'invalid', reasons: check.issues, data: record });
          return;
        }
      }
      const id = nextRecordId(existing.length + added.length);
      const verdict = dedup.checkAndAdd(record, id, 'accepted');
      if (verdict.duplicate) {
        duplicates[verdict.kind] += 1;
        issues.push(`record ${index + 1}: ${verdict.kind} duplicate of ${verdict.matchedId}`);
        rejects.push({
          kind: `duplicate-${verdict.kind}`,
          reasons: [`duplicate of ${verdict.matchedId}`],
          data: record,
        });
        return;
      }
      added.push({ id, data: record });
    });
    const at = new Date().toISOString();
    if (added.length > 0) await journal.appendAccepted(added);
    if (rejects.length > 0) await journal.appendRejected(rejects.map((entry) => ({ ...entry, at })));
    const entries = [...existing, ...added];
    const format = options.format ?? (/\.jsonl$/i.test(options.output) ? 'jsonl' : 'json');
    await writeOutput({
      path: options.output,
      format,
      entries,
      schema: schema as unknown as Parameters<typeof writeOutput>[0]['schema'],
      dataType: detectDataType(schema),
      metadata: {
        generator: 'DataSynth (interactive)',
        seed_count: seeds.length,
        generated_count: entries.length,
      },
    });
    return {
      parsed: parsed.records.length,
      added: added.length,
      invalid,
      duplicates,
      total: entries.length,
      outputPath: options.output,
      rejectsPath: journal.paths.rejects,
      issues,
    };
  } finally {
    await journal.close();
  }
}
