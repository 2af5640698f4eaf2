import { OutputError } from './output-error.js';

/** Every format `writeOutput` can write. */
export const OUTPUT_FORMATS = ['json', 'jsonl', 'alpaca', 'sharegpt', 'openai'] as const;

/**
 * A final output format:
 * - `json`: the DataRecipe envelope `{ metadata, schema, samples: [{ id, data, synthetic: true }] }`;
 * - `jsonl`: one record (`data`) per line;
 * - `alpaca`: a JSON array of `{ instruction, input, output }`;
 * - `sharegpt`: JSONL of `{ conversations: [{ from, value }] }`;
 * - `openai`: JSONL of `{ messages: [{ role, content }] }` (the fine-tuning chat format).
 */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The formats that map a record onto training roles (see `mapRecordToFormat`). */
export type MappedFormat = Exclude<OutputFormat, 'json' | 'jsonl'>;

/** Checks a format name coming from outside (config, CLI, tool arguments). */
export function assertOutputFormat(format: string): asserts format is OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new OutputError(
      'unsupported_format',
      `Unknown output format '${format}'. Use one of: ${OUTPUT_FORMATS.join(', ')}.`,
    );
  }
}
