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
  language: Language;
  dataType: DataType;
}

/** Options for `prepareInteractive`. */
export interface InteractiveOptions {
  schema: DatasetSchema;
  seeds: Record<string, unknown>[];
  count: number;
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
  const varying = buildVaryingPrompt({
    seeds: options.seeds,
    count: options.count,
    language: stable.language,
  });
  const text = templateText(stable.language);
  return {
    prompt: `${text.interactive.title(options.count)}\n\n${stable.text}\n\n${varying}`,
    instructions: text.interactive.instructions,
    language: stable.language,
    dataType: stable.dataType,
  };
}
