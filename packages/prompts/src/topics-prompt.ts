import type { DatasetSchema, JsonSchema } from './dataset-schema.js';
import { describeFields } from './describe-schema.js';
import type { Language } from './detect-language.js';
import { parseRecords } from './parse-records.js';

/** Options of {@link buildTopicsPrompt}. */
export interface TopicsPromptOptions {
  schema: DatasetSchema;
  /** Seed records the topics should extend (a dozen or so is plenty). */
  seeds: readonly Record<string, unknown>[];
  /** How many topics to ask for. */
  count: number;
  language: Language;
}

const TEXT = {
  en: {
    system:
      'You plan the coverage of a training dataset for language models. Given its schema and some example records, you propose distinct topics that new records should cover, so that together they span the space the examples suggest, well beyond what the examples already cover.',
    user: (count: number) =>
      `List ${count} items: distinct topics for new records, each a short phrase (at most 12 words), none a repeat of another. Reply with a JSON object {"topics": [...]}.`,
    examples: 'Example records:',
  },
  zh: {
    system:
      '你负责规划一个大模型训练数据集的覆盖范围。根据字段定义和样例记录，提出新记录应覆盖的不同主题，使它们合起来覆盖样例所暗示的范围，并远远超出样例已经覆盖的内容。',
    user: (count: number) =>
      `请列出 ${count} 个新记录的主题，彼此不同，每个是一个简短的短语（不超过 20 个字）。回复一个 JSON 对象 {"topics": [...]}。`,
    examples: '样例记录：',
  },
} as const;

/** A prompt asking a model for topics to spread a run's batches over. */
export function buildTopicsPrompt(options: TopicsPromptOptions): { system: string; user: string } {
  const { schema, seeds, count, language } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const text = TEXT[language];
  const examples = seeds.map((seed) => JSON.stringify(seed)).join('\n');
  return {
    system: `${text.system}\n\n${describeFields(schema, language)}`,
    user: `${text.user(count)}${examples === '' ? '' : `\n\n${text.examples}\n${examples}`}`,
  };
}

/** The structured output of a topics call: `{ topics: string[] }` with exactly `count` entries. */
export function topicsSchema(count: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      topics: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 120 },
        minItems: count,
        maxItems: count,
      },
    },
    required: ['topics'],
    additionalProperties: false,
  };
}

/** The distinct, non-empty topics in a topics reply (structured output or text with JSON), in order. */
export function parseTopics(input: unknown): string[] {
  let value: unknown = input;
  if (typeof input === 'string') {
    const start = input.indexOf('{');
    const end = input.lastIndexOf('}');
    value = undefined;
    if (start !== -1 && end > start) {
      try {
        value = JSON.parse(input.slice(start, end + 1));
      } catch {
        value = undefined;
      }
    }
    if (value === undefined) {
      const listed = parseRecords(input).records;
      value = { topics: listed.flatMap((record) => Object.values(record)) };
    }
  }
  const list =
    typeof value === 'object' && value !== null && Array.isArray((value as { topics?: unknown }).topics)
      ? ((value as { topics: unknown[] }).topics as unknown[])
      : Array.isArray(value)
        ? value
        : [];
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const topic = item.replace(/\s+/g, ' ').trim();
    if (topic === '' || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    topics.push(topic);
  }
  return topics;
}
