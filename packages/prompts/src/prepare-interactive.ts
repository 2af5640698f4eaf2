import { buildStablePrompt, type PromptOptions } from './build-stable-prompt.js';
import { buildVaryingPrompt } from './build-varying-prompt.js';
import type { DatasetSchema } from './dataset-schema.js';
import type { DataType } from './detect-data-type.js';
import type { Language } from './detect-language.js';
import { templateText } from './template-text.js';

/** A self-contained prompt for a person or a host model, and what to do with the reply. */
export interface InteractivePrompt {
  prompt: string;
  /** For the person or host model: where to send the prompt and how to hand back the reply. */
  instructions: string;
  /** Seed records shown as examples in the prompt. */
  examplesShown: number;
  /** Seed records there are in all. */
  seedCount: number;
  language: Language;
  dataType: DataType;
}

/** Options for `prepareInteractive`. */
export interface InteractiveOptions {
  schema: DatasetSchema;
  seeds: Record<string, unknown>[];
  count: number;
  /**
   * How many seeds the prompt shows as examples, picked evenly across the file (default: all).
   * Small local models silently truncate long prompts, so callers show a sample.
   */
  examples?: number;
  guidelines?: string;
  dataType?: DataType | 'auto';
  language?: Language | 'auto';
  diversity?: number;
}

/**
 * Builds one self-contained prompt (count first, then the stable part, then the examples) for a chat
 * model with no API access from DataSynth — a person pastes it, or an MCP host model answers it — plus
 * instructions to hand the reply to `datasynth parse` / the parse_synthesis_result tool.
 */
export function prepareInteractive(options: InteractiveOptions): InteractivePrompt {
  const stableOptions: PromptOptions = {
    schema: options.schema,
    languageSample: options.seeds,
    structuredOutput: false,
  };
  if (options.guidelines !== undefined) stableOptions.guidelines = options.guidelines;
  if (options.dataType !== undefined) stableOptions.dataType = options.dataType;
  if (options.language !== undefined) stableOptions.language = options.language;
  if (options.diversity !== undefined) stableOptions.diversity = options.diversity;
  const stable = buildStablePrompt(stableOptions);
  const shown = sampleEvenly(options.seeds, options.examples ?? options.seeds.length);
  const varying = buildVaryingPrompt({
    seeds: shown,
    seedTotal: options.seeds.length,
    count: options.count,
    language: stable.language,
  });
  const text = templateText(stable.language);
  return {
    prompt: `${text.interactive.title(options.count)}\n\n${stable.text}\n\n${varying}`,
    instructions: text.interactive.instructions,
    examplesShown: shown.length,
    seedCount: options.seeds.length,
    language: stable.language,
    dataType: stable.dataType,
  };
}

/** `count` items spread evenly over the list (first, …, towards the end), in their order. */
function sampleEvenly<T>(items: readonly T[], count: number): T[] {
  const wanted = Math.max(0, Math.min(items.length, Math.floor(count)));
  if (wanted >= items.length) return [...items];
  return Array.from(
    { length: wanted },
    (_, index) => items[Math.floor((index * items.length) / wanted)] as T,
  );
}
