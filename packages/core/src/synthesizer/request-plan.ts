import { countTokens } from '@datasynth/cost';
import {
  buildVaryingPrompt,
  type DataType,
  type Language,
  recordsEnvelopeSchema,
  type StablePrompt,
} from '@datasynth/prompts';
import type { GenerateRequest, LanguageModel, StructuredOutputRequest } from '@datasynth/providers';
import { DEFAULT_TEMPERATURE, type ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import { maxTokensForBatch, measureRecordSize, type RecordSize } from '../plan/plan-run.js';
import { SeedRotation } from '../plan/seed-rotation.js';
import type { StablePrefix } from '../plan/stable-prefix.js';
import { type PromptProvenance, samplingOf } from '../provenance/call-provenance.js';
import { contentHash } from '../provenance/record-provenance.js';
import type { RunSteering } from '../steering/run-steering.js';
import type { PlanPosition } from './run-tally.js';

/** One planned request: the same for an online call and a provider batch request. */
export interface PlannedRequest {
  request: GenerateRequest;
  /** Input tokens of the request, counted only when a budget needs them (0 otherwise). */
  inputTokens: number;
  /**
   * What it shows the model, for the records' provenance: prompt hashes, the rotated seeds shown
   * (`seed #n`, 1-based positions in the seed file) and the sampling of the request as planned
   * (an online call sends a temperature per attempt: see {@link RequestPlan.forAttempt}).
   */
  prompt: PromptProvenance;
  /** Call once the answer has been processed, or the request failed or was dropped (steering). */
  settle(): void;
}

export interface RequestPlanOptions {
  config: Pick<
    ResolvedSynthesisConfig,
    'batchSize' | 'seedSampleCount' | 'promptCaching' | 'structuredOutput' | 'temperature'
  >;
  inputs: Pick<SynthesisInputs, 'schema' | 'seeds'>;
  model: LanguageModel;
  /** The run's stable prefix (`planRunPrefix`); its reference examples stay out of the rotation. */
  prefix: StablePrefix;
  random: () => number;
  /** Where a resumed run left off. */
  seedOffset?: number;
  /** A resumed run keeps the batch size it had lowered to. */
  batchSize?: number;
  steering?: RunSteering;
  /** Count each request's input tokens (for budget reservations). */
  countInputTokens: boolean;
}

const NAME_OF_STRUCTURED_OUTPUT = 'write_records';

/**
 * What the run asks the model: the stable (cacheable) prefix, seeds in rotation, steering per batch,
 * the structured-output request and the max output tokens for the batch size. `next(count)` serves
 * online calls and provider batches alike; the batch size drops by a quarter after a cut-off reply.
 */
export class RequestPlan {
  readonly #options: RequestPlanOptions;
  readonly #rotation: SeedRotation<{ seed: Record<string, unknown>; id: string }>;
  readonly #stablePromptHash: string;
  readonly #recordSize: RecordSize;
  readonly #structured: boolean;
  /** The structured-output request per record count (the envelope says how many it wants). */
  readonly #outputs = new Map<number, StructuredOutputRequest>();
  #batchSize: number;
  #largestInputTokens = 0;

  constructor(options: RequestPlanOptions) {
    this.#options = options;
    const { config, inputs, model, prefix } = options;
    this.#batchSize = Math.min(config.batchSize, options.batchSize ?? config.batchSize);
    this.#recordSize = measureRecordSize(inputs.seeds, model.modelId);
    const shownInPrefix = prefix.referenceExamples.length;
    const rotationSeeds = inputs.seeds
      .slice(shownInPrefix)
      .map((seed, index) => ({ seed, id: `seed #${shownInPrefix + index + 1}` }));
    this.#stablePromptHash = contentHash(prefix.prompt.text);
    this.#rotation = new SeedRotation(rotationSeeds, options.random, options.seedOffset ?? 0);
    this.#structured = config.structuredOutput && model.capabilities.structuredOutput !== 'none';
  }

  get batchSize(): number {
    return this.#batchSize;
  }

  get stable(): StablePrompt {
    return this.#options.prefix.prompt;
  }

  get language(): Language {
    return this.stable.language;
  }

  get dataType(): DataType {
    return this.stable.dataType;
  }

  /** The plain records envelope (any count), to read answers back; undefined when the model takes none. */
  get structuredOutput(): StructuredOutputRequest | undefined {
    return this.#outputFor(0);
  }

  /**
   * The structured output a request for `count` records asks for, when the model takes one: the
   * envelope's `records` has `minItems`/`maxItems` = `count` (0: the plain envelope). Built once per count.
   */
  #outputFor(count: number): StructuredOutputRequest | undefined {
    if (!this.#structured) return undefined;
    let output = this.#outputs.get(count);
    if (!output) {
      output = {
        name: NAME_OF_STRUCTURED_OUTPUT,
        description: 'Write the requested records.',
        schema: recordsEnvelopeSchema(this.#options.inputs.schema, count > 0 ? { count } : {}),
      };
      this.#outputs.set(count, output);
    }
    return output;
  }

  /** The max output tokens of a request for `count` records. */
  maxTokensFor(count: number): number {
    return maxTokensForBatch(count, this.#recordSize);
  }

  /**
   * The most input tokens a request has had so far (counted only for a budget; before the first
   * request, the stable prefix alone): what the cap is asked to fit for the next call.
   */
  get largestInputTokens(): number {
    return Math.max(this.#largestInputTokens, this.#options.prefix.tokens);
  }

  /** Where the rotation and the steering stand, for the state file. */
  position(): PlanPosition {
    const steering = this.#options.steering;
    return {
      seedOffset: this.#rotation.offset,
      batchSize: this.#batchSize,
      ...(steering && {
        topics: steering.topics,
        topicOffset: steering.topicOffset,
        enumTargets: steering.enumShares(),
      }),
    };
  }

  /** The next request, for `count` records. */
  next(count: number): PlannedRequest {
    const { config, prefix, steering, model } = this.#options;
    const shown = this.#rotation.next(config.seedSampleCount);
    const batchSteering = steering?.forBatch(count);
    const varying = buildVaryingPrompt({
      seeds: shown.map((entry) => entry.seed),
      count,
      language: this.language,
      ...(batchSteering?.steering && { steering: batchSteering.steering }),
    });
    const output = this.#outputFor(count);
    const request: GenerateRequest = {
      system: [{ text: prefix.prompt.text, cache: config.promptCaching }],
      messages: [{ role: 'user', content: varying }],
      maxTokens: this.maxTokensFor(count),
      ...(output && { output }),
    };
    // Counted only for budget reservations: tokenising every prompt is a hot-path cost otherwise.
    const inputTokens = this.#options.countInputTokens
      ? prefix.tokens + countTokens(varying, { model: model.modelId })
      : 0;
    this.#largestInputTokens = Math.max(this.#largestInputTokens, inputTokens);
    let settled = false;
    const settle = () => {
      if (settled || !batchSteering) return;
      settled = true;
      steering?.settle(batchSteering.ticket);
    };
    const prompt: PromptProvenance = {
      stablePromptHash: this.#stablePromptHash,
      varyingPromptHash: contentHash(varying),
      seedIds: shown.map((entry) => entry.id),
      sampling: samplingOf(request),
    };
    return { request, inputTokens, prompt, settle };
  }

  /**
   * The request of one attempt of a call: the temperature rises by 0.05 per retry, for models that
   * take one. A model that takes none gets none: its diversity comes from the prompt side — every
   * call rotates the seeds it shows and carries the steering ticket (avoid-lists, quotas).
   */
  forAttempt(request: GenerateRequest, attempt: number): GenerateRequest {
    const temperature = temperatureFor(this.#options.config.temperature, this.#options.model, attempt);
    return { ...request, ...(temperature !== undefined && { temperature }) };
  }

  /** The temperature of a first attempt (for the output's metadata); undefined when none is sent. */
  get temperature(): number | undefined {
    return temperatureFor(this.#options.config.temperature, this.#options.model, 0);
  }

  /**
   * Said once at the start when the user set a temperature that this model does not take (the
   * default temperature is never mentioned: nothing to say about a setting nobody made).
   */
  get samplingNotice(): string | undefined {
    const { config, model } = this.#options;
    if (config.temperature === undefined || takesTemperature(model)) return undefined;
    return `'${model.modelId}' takes no temperature, so the configured ${config.temperature} is not sent; the run varies its prompts instead (seed rotation and steering).`;
  }

  /**
   * After a reply cut off at the token limit, or a call that got no answer in time: lowers the batch
   * size (and with it each call's max tokens) by a quarter; the new size, if lowered.
   */
  shrinkAfterTruncation(): number | undefined {
    const smaller = Math.max(1, Math.floor(this.#batchSize * 0.75));
    if (smaller >= this.#batchSize) return undefined;
    this.#batchSize = smaller;
    return smaller;
  }
}

/**
 * The temperature of one attempt: the configured one (default 0.8), raised by 0.05 per retry and
 * capped at 1.0 — only for a model that takes one. The adapter says which do
 * (`capabilities.sampling`: Claude on API 2026-10-21 and OpenAI's reasoning models take none); a
 * model that does not say (a self-hosted server's) is assumed to take one.
 */
function temperatureFor(
  configured: number | undefined,
  model: LanguageModel,
  attempt: number,
): number | undefined {
  if (!takesTemperature(model)) return undefined;
  return Math.min(1, (configured ?? DEFAULT_TEMPERATURE) + 0.05 * attempt);
}

function takesTemperature(model: LanguageModel): boolean {
  return model.capabilities.sampling?.temperature !== false;
}
