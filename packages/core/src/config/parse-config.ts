import type { z } from 'zod';
import { SynthesisError } from '../errors/synthesis-error.js';
import {
  type ResolvedSynthesisConfig,
  type SynthesisConfig,
  SynthesisConfigSchema,
} from './synthesis-config.js';

/** Applies defaults and checks every setting; a bad one becomes a one-line SynthesisError naming it. */
export function parseSynthesisConfig(
  config: SynthesisConfig | undefined,
  source = 'config',
): ResolvedSynthesisConfig {
  const parsed = SynthesisConfigSchema.strict().safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  throw new SynthesisError('invalid_input', `Invalid ${source}: ${describeIssue(parsed.error)}`);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'value';
  if (issue.code === 'unrecognized_keys')
    return `unknown setting ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
  return `${where}: ${issue.message}`;
}
