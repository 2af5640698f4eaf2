import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import type { Language } from './detect-language.js';

/** How one language words a bound: both ends, only the lower, only the upper. */
interface BoundPhrases {
  between(low: number, high: number): string;
  atLeast(low: number): string;
  atMost(high: number): string;
}

/** Words a pair of optional bounds; callers pass at least one. */
function describeBounds(
  low: number | null | undefined,
  high: number | null | undefined,
  phrases: BoundPhrases,
): string {
  if (low != null && high != null) return phrases.between(low, high);
  if (low != null) return phrases.atLeast(low);
  return phrases.atMost(high as number);
}

const WORDS = {
  en: {
    dataset: 'Dataset',
    about: 'About the dataset',
    intro: 'Each record is a JSON object with exactly these fields:',
    required: 'required',
    optional: 'optional',
    nullable: 'may be null',
    allowed: 'allowed values',
    examples: 'examples',
    eachItem: 'Each element:',
    withFields: 'Each element has these fields:',
    objectFields: 'Its fields:',
    rubric: 'Scoring rubric:',
    separator: '; ',
    listSeparator: ', ',
    open: ' (',
    close: ')',
    dash: ' — ',
    sentenceBreak: '. ',
    colon: ': ',
    types: {
      string: 'string',
      integer: 'integer',
      number: 'number',
      boolean: 'boolean',
      array: 'array',
      object: 'object',
    },
    arrayOf: (itemType: string) => `array of ${itemType}s`,
    length: {
      between: (low: number, high: number) => `${low}–${high} characters`,
      atLeast: (low: number) => `at least ${low} characters`,
      atMost: (high: number) => `at most ${high} characters`,
    },
    range: {
      between: (low: number, high: number) => `from ${low} to ${high}`,
      atLeast: (low: number) => `at least ${low}`,
      atMost: (high: number) => `at most ${high}`,
    },
    items: {
      between: (low: number, high: number) => `${low}–${high} elements`,
      atLeast: (low: number) => `at least ${low} element${low === 1 ? '' : 's'}`,
      atMost: (high: number) => `at most ${high} element${high === 1 ? '' : 's'}`,
    },
    level: (score: number, label?: string) => (label ? `${score} (${label})` : `${score}`),
    format: (format: string) => `format ${format}`,
    pattern: (pattern: string) => `matching the regular expression ${pattern}`,
  },
  zh: {
    dataset: '数据集',
    about: '数据集说明',
    intro: '每条记录是一个 JSON 对象，字段恰好如下：',
    required: '必填',
    optional: '可选',
    nullable: '可以为 null',
    allowed: '取值只能是',
    examples: '示例',
    eachItem: '每一项：',
    withFields: '每一项包含以下字段：',
    objectFields: '包含以下字段：',
    rubric: '评分标准：',
    separator: '；',
    listSeparator: '、',
    open: '（',
    close: '）',
    dash: ' — ',
    sentenceBreak: '。',
    colon: '：',
    types: {
      string: '字符串',
      integer: '整数',
      number: '数字',
      boolean: '布尔值',
      array: '数组',
      object: '对象',
    },
    arrayOf: (itemType: string) => `${itemType}数组`,
    length: {
      between: (low: number, high: number) => `长度 ${low}–${high} 字`,
      atLeast: (low: number) => `至少 ${low} 字`,
      atMost: (high: number) => `最多 ${high} 字`,
    },
    range: {
      between: (low: number, high: number) => `取值 ${low} 到 ${high}`,
      atLeast: (low: number) => `不小于 ${low}`,
      atMost: (high: number) => `不大于 ${high}`,
    },
    items: {
      between: (low: number, high: number) => `${low}–${high} 项`,
      atLeast: (low: number) => `至少 ${low} 项`,
      atMost: (high: number) => `最多 ${high} 项`,
    },
    level: (score: number, label?: string) => (label ? `${score} 分（${label}）` : `${score} 分`),
    format: (format: string) => `格式为 ${format}`,
    pattern: (pattern: string) => `须匹配正则表达式 ${pattern}`,
  },
} as const;

type Words = (typeof WORDS)[Language];

function typePhrase(field: FieldSpec, words: Words): string {
  if (field.type === 'array' && field.items) return words.arrayOf(typePhrase(field.items, words));
  return words.types[field.type];
}

function constraintPhrases(field: FieldSpec, words: Words): string[] {
  const { constraints } = field;
  const phrases: string[] = [];
  if (constraints.minLength !== undefined || constraints.maxLength !== undefined) {
    phrases.push(describeBounds(constraints.minLength, constraints.maxLength, words.length));
  }
  if (constraints.range && (constraints.range[0] !== null || constraints.range[1] !== null)) {
    phrases.push(describeBounds(constraints.range[0], constraints.range[1], words.range));
  }
  if (constraints.minItems !== undefined || constraints.maxItems !== undefined) {
    phrases.push(describeBounds(constraints.minItems, constraints.maxItems, words.items));
  }
  if (constraints.format !== undefined) phrases.push(words.format(constraints.format));
  if (constraints.pattern !== undefined) phrases.push(words.pattern(constraints.pattern));
  if (field.nullable) phrases.push(words.nullable);
  return phrases;
}

function exampleText(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function detailTail(field: FieldSpec, words: Words): string {
  let tail = '';
  if (field.constraints.enum) {
    tail += `${words.allowed}${words.colon}${field.constraints.enum.map((value) => JSON.stringify(value)).join(words.listSeparator)}`;
  }
  if (field.examples && field.examples.length > 0 && field.type !== 'object' && field.type !== 'array') {
    if (tail !== '') tail += words.sentenceBreak;
    tail += `${words.examples}${words.colon}${field.examples.slice(0, 2).map(exampleText).join(words.separator)}`;
  }
  return tail;
}

function describeField(field: FieldSpec, words: Words, indent: string, lines: string[]): void {
  const attributes = [typePhrase(field, words), field.required ? words.required : words.optional];
  attributes.push(...constraintPhrases(field, words));
  let line = `${indent}- \`${field.name}\`${words.open}${attributes.join(words.listSeparator)}${words.close}`;
  const label = [field.displayName, field.description].filter(Boolean).join(words.dash);
  const tail = detailTail(field, words);
  if (label !== '') line += `${words.dash}${label}`;
  if (tail !== '') line += `${label === '' ? words.dash : words.sentenceBreak}${tail}`;
  lines.push(line);
  describeChildren(field, words, `${indent}  `, lines);
}

function describeChildren(field: FieldSpec, words: Words, indent: string, lines: string[]): void {
  if (field.type === 'object' && field.fields) {
    lines.push(`${indent}${words.objectFields}`);
    for (const child of field.fields) describeField(child, words, indent, lines);
  }
  if (field.type === 'array' && field.items) {
    const item = field.items;
    if (item.type === 'object' && item.fields) {
      lines.push(`${indent}${words.withFields}`);
      for (const child of item.fields) describeField(child, words, indent, lines);
    } else {
      const phrases = constraintPhrases(item, words);
      const tail = detailTail(item, words);
      if (phrases.length > 0 || tail !== '' || item.type === 'array') {
        const parts = [typePhrase(item, words), ...phrases];
        lines.push(
          `${indent}${words.eachItem} ${parts.join(words.listSeparator)}${tail === '' ? '' : `${words.dash}${tail}`}`,
        );
        describeChildren(item, words, `${indent}  `, lines);
      }
    }
  }
}

/** Field list only (internal; the prompt builder places the rubric in its own section). */
export function describeFields(schema: DatasetSchema, language: Language): string {
  const words = WORDS[language];
  const lines: string[] = [];
  if (schema.name) lines.push(`${words.dataset}${words.colon}${schema.name}`);
  if (schema.description) lines.push(`${words.about}${words.colon}${schema.description}`);
  if (lines.length > 0) lines.push('');
  lines.push(words.intro);
  for (const field of schema.fields) describeField(field, words, '', lines);
  return lines.join('\n');
}

/** Rubric lines only, or '' when the schema has none (internal). */
export function describeRubric(schema: DatasetSchema, language: Language): string {
  if (!schema.scoringRubric || schema.scoringRubric.length === 0) return '';
  const words = WORDS[language];
  const levels = [...schema.scoringRubric].sort((a, b) => b.score - a.score);
  return levels
    .map((level) => {
      const head = words.level(level.score, level.label);
      return level.description === '' ? `- ${head}` : `- ${head}${words.colon}${level.description}`;
    })
    .join('\n');
}

/** A prompt-ready description of the schema: field names, display names, types, required, constraints, rubric. */
export function describeSchema(schema: DatasetSchema, language: Language): string {
  const rubric = describeRubric(schema, language);
  const fields = describeFields(schema, language);
  return rubric === '' ? fields : `${fields}\n\n${WORDS[language].rubric}\n${rubric}`;
}
