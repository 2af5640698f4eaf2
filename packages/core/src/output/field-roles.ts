import type { DataType } from '@datasynth/prompts';

/** Which schema field plays which part in a training example; unset roles have no field. */
export interface FieldRoles {
  /** The data type the roles were inferred for. */
  dataType: DataType;
  /** The task or question (instruction data). */
  instruction?: string;
  /** Extra context for the instruction. */
  input?: string;
  /** The answer. */
  output?: string;
  /** The prompt both responses answer (preference data). */
  prompt?: string;
  /** The preferred response. */
  chosen?: string;
  /** The dispreferred response. */
  rejected?: string;
  /** The list of turns (multi-turn data). */
  conversation?: string;
  /** A system prompt. */
  system?: string;
  /** A list of `{input, output}` objects answering the instruction (Self-Instruct's `instances`). */
  examples?: string;
}

type Role = Exclude<keyof FieldRoles, 'dataType'>;

/** Field names that fill each role, most specific first (compared case-insensitively, `-`/space as `_`). */
const ROLE_NAMES: Record<Role, string[]> = {
  instruction: ['instruction', 'question', 'prompt', 'query'],
  input: ['input', 'context'],
  output: ['output', 'response', 'answer', 'completion'],
  prompt: ['prompt', 'instruction', 'question', 'query'],
  chosen: ['chosen', 'chosen_response', 'preferred'],
  rejected: ['rejected', 'rejected_response', 'dispreferred'],
  conversation: ['conversation', 'conversations', 'messages', 'dialogue', 'dialog', 'turns'],
  system: ['system', 'system_prompt'],
  examples: ['instances', 'examples'],
};

/**
 * Finds the fields that play each role by name: `instruction|question|prompt|query` → instruction,
 * `input|context` → input, `output|response|answer|completion` → output, `prompt` (else the
 * instruction-like field) → prompt, `chosen`/`rejected`, `conversation|messages|dialogue|turns`
 * → conversation, `system` → system, `instances|examples` (a list of `{input, output}`) → examples.
 */
export function inferFieldRoles(schema: { fields: { name: string }[] }, dataType: DataType): FieldRoles {
  const byNormalName = new Map<string, string>();
  for (const field of schema.fields) {
    const normal = normalize(field.name);
    if (!byNormalName.has(normal)) byNormalName.set(normal, field.name);
  }
  const roles: FieldRoles = { dataType };
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    for (const candidate of ROLE_NAMES[role]) {
      const field = byNormalName.get(candidate);
      if (field !== undefined) {
        roles[role] = field;
        break;
      }
    }
  }
  return roles;
}

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
}
