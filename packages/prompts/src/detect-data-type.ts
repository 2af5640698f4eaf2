import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import { PromptsError } from './prompts-error.js';

/** The kind of record a dataset holds; picks the prompt template. */
export type DataType = 'instruction' | 'preference' | 'multi-turn' | 'generic';

/** Which real schema fields play which part in a template (internal). */
export type DataTypeRoles =
  | { dataType: 'instruction'; task: FieldSpec; context?: FieldSpec; answer: FieldSpec }
  | { dataType: 'preference'; request?: FieldSpec; better: FieldSpec; worse: FieldSpec }
  | { dataType: 'multi-turn'; dialogue: FieldSpec; speaker?: FieldSpec; text?: FieldSpec }
  | { dataType: 'generic' };

const TASK_NAMES = ['instruction', 'prompt', 'question', 'query', 'task'];
const CONTEXT_NAMES = ['input', 'context'];
const ANSWER_NAMES = ['output', 'response', 'answer', 'completion'];
const REQUEST_NAMES = ['prompt', 'question', 'instruction', 'query', 'input', 'context'];
const BETTER_NAMES = ['chosen', 'preferred', 'better'];
const WORSE_NAMES = ['rejected', 'dispreferred', 'worse'];
const DIALOGUE_NAMES = ['conversation', 'conversations', 'messages', 'dialogue', 'dialog', 'turns', 'chat'];
const SPEAKER_NAMES = ['role', 'from', 'speaker'];
const TEXT_NAMES = ['content', 'value', 'text'];

function byName(fields: FieldSpec[], names: string[], exclude: FieldSpec[] = []): FieldSpec | undefined {
  for (const name of names) {
    const found = fields.find((field) => field.name.toLowerCase() === name && !exclude.includes(field));
    if (found) return found;
  }
  return undefined;
}

/**
 * Preference roles by name. Detected on names alone it needs a request field too; when the schema or the
 * caller says the data is preference pairs, chosen + rejected suffice (HH-RLHF style pairs hold the whole
 * exchange in each).
 */
function preferenceRoles(fields: FieldSpec[], requestOptional = false): DataTypeRoles | undefined {
  const better = byName(fields, BETTER_NAMES);
  const worse = byName(fields, WORSE_NAMES);
  const request = byName(fields, REQUEST_NAMES);
  if (!better || !worse) return undefined;
  if (request) return { dataType: 'preference', request, better, worse };
  return requestOptional ? { dataType: 'preference', better, worse } : undefined;
}

function multiTurnRoles(fields: FieldSpec[]): DataTypeRoles | undefined {
  for (const field of fields) {
    const itemFields = field.type === 'array' ? field.items?.fields : undefined;
    if (!itemFields) continue;
    const speaker = byName(itemFields, SPEAKER_NAMES);
    const text = byName(itemFields, TEXT_NAMES);
    if (speaker && text) return { dataType: 'multi-turn', dialogue: field, speaker, text };
  }
  const named = byName(fields, DIALOGUE_NAMES);
  if (named && named.type === 'array' && (named.items === undefined || named.items.type === 'object')) {
    return { dataType: 'multi-turn', dialogue: named };
  }
  return undefined;
}

function instructionRoles(fields: FieldSpec[]): DataTypeRoles | undefined {
  const answer = byName(fields, ANSWER_NAMES);
  if (!answer) return undefined;
  const task = byName(fields, TASK_NAMES, [answer]) ?? byName(fields, CONTEXT_NAMES, [answer]);
  if (!task) return undefined;
  const context = byName(fields, CONTEXT_NAMES, [answer, task]);
  return context
    ? { dataType: 'instruction', task, context, answer }
    : { dataType: 'instruction', task, answer };
}

function positionalRoles(fields: FieldSpec[], dataType: DataType): DataTypeRoles | undefined {
  const texts = fields.filter((field) => field.type === 'string');
  if (dataType === 'instruction' && texts.length >= 2) {
    return { dataType, task: texts[0] as FieldSpec, answer: texts[texts.length - 1] as FieldSpec };
  }
  if (dataType === 'preference' && texts.length >= 3) {
    return {
      dataType,
      request: texts[0] as FieldSpec,
      better: texts[1] as FieldSpec,
      worse: texts[2] as FieldSpec,
    };
  }
  if (dataType === 'multi-turn') {
    const dialogue = fields.find((field) => field.type === 'array');
    if (dialogue) return { dataType, dialogue };
  }
  return undefined;
}

const NEEDS: Record<Exclude<DataType, 'generic'>, string> = {
  instruction: 'two text fields (a task and its answer)',
  preference: 'three text fields (a request, a better reply and a worse reply)',
  'multi-turn': 'an array field holding the dialogue turns',
};

/**
 * Maps the schema's real fields onto a template's parts (internal). With `dataType` forced, falls back
 * to field order when names do not match (first text field = task, last = answer, and so on); throws
 * PromptsError('schema_invalid') when the schema cannot hold that data type at all.
 */
export function resolveRoles(schema: DatasetSchema, dataType?: DataType): DataTypeRoles {
  const { fields } = schema;
  if (dataType === undefined) {
    const hinted = schema.dataTypeHint === undefined ? undefined : namedRoles(fields, schema.dataTypeHint);
    return (
      hinted ??
      preferenceRoles(fields) ??
      multiTurnRoles(fields) ??
      instructionRoles(fields) ?? { dataType: 'generic' }
    );
  }
  if (dataType === 'generic') return { dataType };
  const roles = namedRoles(fields, dataType) ?? positionalRoles(fields, dataType);
  if (!roles) {
    throw new PromptsError(
      'schema_invalid',
      `data type '${dataType}' needs ${NEEDS[dataType]}; the schema has ${fields.map((field) => `${field.name} (${field.type})`).join(', ')}`,
    );
  }
  return roles;
}

function namedRoles(fields: FieldSpec[], dataType: Exclude<DataType, 'generic'>): DataTypeRoles | undefined {
  return dataType === 'preference'
    ? preferenceRoles(fields, true)
    : dataType === 'multi-turn'
      ? multiTurnRoles(fields)
      : instructionRoles(fields);
}

/**
 * Detects the data type: the schema's hint when its fields fit it (DataRecipe `annotation_config.type:
 * "ranking"` → preference, chosen + rejected suffice), else from field names: preference (prompt + chosen +
 * rejected), multi-turn (an array of
 * {role, content} turns, or a conversation/messages array), instruction (instruction + response,
 * input + output, instruction + input + output, question + answer), otherwise generic.
 */
export function detectDataType(schema: DatasetSchema): DataType {
  return resolveRoles(schema).dataType;
}
