import { z } from 'zod';

/**
 * `data_type` values: core's names plus the seed (Python) server's spellings
 * `instruction_response` and `multi_turn`, so existing prompts keep working.
 */
export const dataTypeArgument = z
  .enum(['auto', 'instruction', 'preference', 'multi-turn', 'generic', 'instruction_response', 'multi_turn'])
  .optional()
  .describe(
    'Kind of records: instruction (instruction/input/output), preference (prompt/chosen/rejected), multi-turn (conversation), generic, or auto (detected from the schema; default).',
  );

/** `language` of the prompt's instructions. */
export const languageArgument = z
  .enum(['auto', 'zh', 'en'])
  .optional()
  .describe("Language of the prompt: 'zh', 'en', or 'auto' (from the seeds; default).");

/** `diversity` of the generated records. */
export const diversityArgument = z
  .number()
  .min(0)
  .max(1)
  .optional()
  .describe('0 = stay close to the seeds, 1 = explore widely (default 0.5).');

/** Core's data type for a `data_type` argument. */
export function toDataType(
  value: z.infer<typeof dataTypeArgument>,
): 'auto' | 'instruction' | 'preference' | 'multi-turn' | 'generic' | undefined {
  if (value === 'instruction_response') return 'instruction';
  if (value === 'multi_turn') return 'multi-turn';
  return value;
}
