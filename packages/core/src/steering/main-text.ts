import type { DatasetSchema } from '@datasynth/prompts';
import { recordText } from '../dedup/index.js';

const MAIN_TEXT_NAMES = ['instruction', 'question', 'prompt', 'query', 'input', 'text', 'content', 'title'];

/**
 * Reads a record's main text: its main text field (the first of instruction, question, prompt,
 * query, input, text, content, title, else the first free-text string field), or all of the
 * record's text when that is empty; whitespace collapsed.
 */
export function mainTextReader(schema: DatasetSchema): (record: Record<string, unknown>) => string {
  const field = mainTextField(schema);
  return (record) => {
    const main = field === undefined ? undefined : record[field];
    return (typeof main === 'string' && main.trim() !== '' ? main : recordText(record))
      .replace(/\s+/g, ' ')
      .trim();
  };
}

function mainTextField(schema: DatasetSchema): string | undefined {
  const strings = schema.fields.filter((field) => field.type === 'string' && !field.constraints.enum?.length);
  for (const name of MAIN_TEXT_NAMES) {
    const found = strings.find((field) => field.name.toLowerCase() === name);
    if (found) return found.name;
  }
  return strings[0]?.name;
}
