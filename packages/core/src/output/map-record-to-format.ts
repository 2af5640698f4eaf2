/**
 * How records map onto the training formats (`roles` come from `inferFieldRoles`):
 *
 * | data type   | alpaca (JSON array of objects) | sharegpt (JSONL `{conversations:[{from, value}]}`) | openai (JSONL `{messages:[{role, content}]}`) |
 * |-------------|--------------------------------|-----------------------------------------------------|-----------------------------------------------|
 * | instruction | `{instruction, input, output}` as-is (`input` is `''` when there is none) | human = instruction, plus `"\n\n"` + input when input is non-empty; gpt = output | user = as human; assistant = output |
 * | preference  | instruction = prompt, input = input field or `''`, output = chosen; rejected is dropped (one warning) | human = prompt (+ input), gpt = chosen; rejected dropped (one warning) | user = prompt (+ input), assistant = chosen; rejected dropped (one warning) |
 * | multi-turn  | instruction = the last user turn before the final assistant reply, output = that reply, input = `''`, earlier turns → `history: [[user, assistant], …]`, system turns → `system` (LLaMA-Factory's alpaca convention); turns after the final reply are dropped (warning) | user → human, assistant → gpt, system → system | roles kept: user, assistant, system |
 * | nested examples | an instruction field with no output beside a list of `{input, output}` objects (`instances`/`examples`, as Self-Instruct writes them): one example per item, `{instruction, input: item.input, output: item.output}` | one conversation per item, as for instruction data | same |
 * | generic     | whichever row the field names fit: a conversation field, else prompt + chosen, else instruction + output, else nested examples; none → `OutputError` `unmappable` listing the fields (write `jsonl` or `json` instead) | same | same |
 *
 * Fields no row uses (an `id`, a `category`, a flag) have no place in these formats: `writeOutput`
 * names them once in a warning.
 * A typed data type whose fields are missing falls back to the generic rule. A `system` field,
 * when present and non-empty, becomes the first message (sharegpt `from: 'system'`, openai
 * `role: 'system'`) and alpaca's `system` key. Non-string values are written as JSON text.
 * Conversation turns may be `{role, content}`, `{from, value}` or plain strings (alternating
 * user, assistant). A record that cannot be mapped (say, a conversation with no assistant reply)
 * is left out by `writeOutput` with a warning naming it.
 */
import { type ConversationTurn, readConversationTurns } from './conversation-turns.js';
import { type FieldRoles, inferFieldRoles } from './field-roles.js';
import { fieldText } from './field-text.js';
import { OutputError } from './output-error.js';
import type { MappedFormat } from './output-format.js';

/** Which row of the mapping table a dataset's records follow. */
export type RecordMapping = 'instruction' | 'preference' | 'multi-turn' | 'examples';

/**
 * The result of mapping one record: the mapped record (`records` holds one per nested example; `record`
 * is the first), or why it could not be mapped.
 */
export type MapOutcome =
  | { record: Record<string, unknown>; records: Record<string, unknown>[]; droppedTrailingTurns: boolean }
  | { problem: string; droppedTrailingTurns?: undefined };

/** The fields each mapping reads (the rest are dropped by the training formats). */
export function fieldsUsedBy(mapping: RecordMapping, roles: FieldRoles): string[] {
  const used: Record<RecordMapping, (string | undefined)[]> = {
    instruction: [roles.instruction, roles.input, roles.output],
    preference: [roles.prompt, roles.input, roles.chosen, roles.rejected],
    'multi-turn': [roles.conversation],
    examples: [roles.instruction, roles.examples],
  };
  return [...used[mapping], roles.system].filter((field): field is string => field !== undefined);
}

/**
 * Picks the mapping for a dataset from its roles: the one its data type names when the fields
 * for it exist, else the first that fits (conversation, preference, instruction).
 *
 * @throws OutputError `unmappable` listing `fieldNames` when no mapping fits.
 */
export function resolveRecordMapping(
  roles: FieldRoles,
  format: MappedFormat,
  fieldNames: string[],
): RecordMapping {
  const fits: Record<RecordMapping, boolean> = {
    'multi-turn': roles.conversation !== undefined,
    preference: roles.prompt !== undefined && roles.chosen !== undefined,
    instruction: roles.instruction !== undefined && roles.output !== undefined,
    examples: roles.instruction !== undefined && roles.examples !== undefined,
  };
  if (roles.dataType !== 'generic' && fits[roles.dataType]) return roles.dataType;
  for (const mapping of ['multi-turn', 'preference', 'instruction', 'examples'] as const)
    if (fits[mapping]) return mapping;
  const fields = fieldNames.length > 0 ? fieldNames.join(', ') : '(none)';
  throw new OutputError(
    'unmappable',
    `Cannot write ${roles.dataType} records as ${format}: no fields fit its roles (fields: ${fields}). Name them instruction/input/output, prompt/chosen/rejected, conversation, or instruction plus instances (a list of {input, output}), or write the jsonl or json format instead.`,
  );
}

/** Maps one record with a resolved mapping; never throws for a bad record, reports it instead. */
export function mapRecord(
  data: Record<string, unknown>,
  format: MappedFormat,
  mapping: RecordMapping,
  roles: FieldRoles,
): MapOutcome {
  const system = roles.system === undefined ? '' : fieldText(data[roles.system]);
  if (mapping === 'multi-turn') {
    const read = readConversationTurns(data[roles.conversation ?? '']);
    if ('problem' in read) return read;
    const turns: ConversationTurn[] =
      system.trim() !== '' && !read.turns.some((turn) => turn.role === 'system')
        ? [{ role: 'system', content: system }, ...read.turns]
        : read.turns;
    return mapConversation(turns, format);
  }
  if (mapping === 'examples') return mapExamples(data, format, roles, system);
  const question = fieldText(data[(mapping === 'preference' ? roles.prompt : roles.instruction) ?? '']);
  const input = roles.input === undefined ? '' : fieldText(data[roles.input]);
  const answer = fieldText(data[(mapping === 'preference' ? roles.chosen : roles.output) ?? '']);
  if (format === 'alpaca') {
    const record: Record<string, unknown> = { instruction: question, input, output: answer };
    if (system.trim() !== '') record.system = system;
    return { record, records: [record], droppedTrailingTurns: false };
  }
  const userText = input.trim() === '' ? question : `${question}\n\n${input}`;
  const turns: ConversationTurn[] = [
    ...(system.trim() === '' ? [] : [{ role: 'system' as const, content: system }]),
    { role: 'user', content: userText },
    { role: 'assistant', content: answer },
  ];
  return mapConversation(turns, format);
}

/**
 * Maps one record's fields onto `format` following the table at the top of this file.
 *
 * @throws OutputError `unmappable` when no fields fit the format, or this record cannot be mapped.
 */
export function mapRecordToFormat(
  data: Record<string, unknown>,
  format: 'alpaca' | 'sharegpt' | 'openai',
  roles: FieldRoles,
): Record<string, unknown> {
  const mapping = resolveRecordMapping(roles, format, Object.keys(data));
  const outcome = mapRecord(data, format, mapping, roles);
  if ('problem' in outcome) {
    throw new OutputError('unmappable', `Cannot write this record as ${format}: ${outcome.problem}.`);
  }
  return outcome.record;
}

/** One example per item of the examples list, each mapped as instruction data. */
function mapExamples(
  data: Record<string, unknown>,
  format: MappedFormat,
  roles: FieldRoles,
  system: string,
): MapOutcome {
  const items = data[roles.examples ?? ''];
  if (!Array.isArray(items) || items.length === 0) {
    return { problem: `'${roles.examples}' is not a non-empty list of {input, output} objects` };
  }
  const records: Record<string, unknown>[] = [];
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { problem: `'${roles.examples}' item ${index} is not an {input, output} object` };
    }
    const itemRoles = inferFieldRoles({ fields: Object.keys(item).map((name) => ({ name })) }, 'instruction');
    if (itemRoles.output === undefined) return { problem: `'${roles.examples}' item ${index} has no output` };
    const example: Record<string, unknown> = {
      [roles.instruction ?? 'instruction']: data[roles.instruction ?? ''],
      input: itemRoles.input === undefined ? '' : (item as Record<string, unknown>)[itemRoles.input],
      output: (item as Record<string, unknown>)[itemRoles.output],
      ...(roles.system !== undefined && { [roles.system]: system }),
    };
    const exampleRoles: FieldRoles = {
      dataType: 'instruction',
      instruction: roles.instruction ?? 'instruction',
      input: 'input',
      output: 'output',
      ...(roles.system !== undefined && { system: roles.system }),
    };
    const mapped = mapRecord(example, format, 'instruction', exampleRoles);
    if ('problem' in mapped) return mapped;
    records.push(...mapped.records);
  }
  return { record: records[0] as Record<string, unknown>, records, droppedTrailingTurns: false };
}

const SHAREGPT_FROM = { system: 'system', user: 'human', assistant: 'gpt' } as const;

function mapConversation(turns: ConversationTurn[], format: MappedFormat): MapOutcome {
  if (format === 'sharegpt') {
    const record = {
      conversations: turns.map((turn) => ({ from: SHAREGPT_FROM[turn.role], value: turn.content })),
    };
    return { record, records: [record], droppedTrailingTurns: false };
  }
  if (format === 'openai') {
    const record = { messages: turns.map((turn) => ({ role: turn.role, content: turn.content })) };
    return { record, records: [record], droppedTrailingTurns: false };
  }
  return conversationToAlpaca(turns);
}

function conversationToAlpaca(turns: ConversationTurn[]): MapOutcome {
  const dialogue = turns.filter((turn) => turn.role !== 'system');
  const system = turns
    .filter((turn) => turn.role === 'system')
    .map((turn) => turn.content)
    .join('\n\n');
  const lastReply = dialogue.findLastIndex((turn) => turn.role === 'assistant');
  if (lastReply === -1) return { problem: 'the conversation has no assistant reply' };
  const lastQuestion = dialogue.findLastIndex((turn, index) => index < lastReply && turn.role === 'user');
  if (lastQuestion === -1)
    return { problem: 'the conversation has no user turn before its last assistant reply' };

  const history: [string, string][] = [];
  let pendingUser: string[] = [];
  for (const turn of dialogue.slice(0, lastQuestion)) {
    if (turn.role === 'user') {
      pendingUser.push(turn.content);
    } else if (pendingUser.length > 0 || history.length === 0) {
      history.push([pendingUser.join('\n\n'), turn.content]);
      pendingUser = [];
    } else {
      const previous = history[history.length - 1]!;
      previous[1] = `${previous[1]}\n\n${turn.content}`;
    }
  }
  const instruction = [...pendingUser, dialogue[lastQuestion]!.content].join('\n\n');
  const output = dialogue
    .slice(lastQuestion + 1, lastReply + 1)
    .map((turn) => turn.content)
    .join('\n\n');
  const record: Record<string, unknown> = { instruction, input: '', output };
  if (system !== '') record.system = system;
  if (history.length > 0) record.history = history;
  return { record, records: [record], droppedTrailingTurns: lastReply < dialogue.length - 1 };
}
