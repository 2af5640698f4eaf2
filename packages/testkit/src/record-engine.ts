import { createHash } from 'node:crypto';
import { type JsonSchema, propertiesOf, schemaType } from './json-schema.js';
import {
  promptLanguage,
  recordSchemaFromPrompt,
  requestedFieldValues,
  requestedRecordCount,
} from './prompt-analysis.js';
import { type GeneratedRecord, generateRecords } from './record-planter.js';
import { locateRecords, type RecordsLocation } from './records-location.js';
import { SchemaValueGenerator } from './schema-value-generator.js';
import { SeededRandom } from './seeded-random.js';
import type { TestServerPlant } from './test-server-types.js';
import { TextGenerator, type TextLanguage } from './text-generator.js';
import { countTokens } from './token-count.js';

/** How the request asked for structured output. */
export type StructuredMode = 'tool' | 'nativeJsonSchema' | 'jsonSchema' | 'jsonObject' | 'text';

/** What the answer's content should look like (a fault may spoil a normal answer). */
export type ContentOutcome = 'complete' | 'truncated' | 'malformed' | 'empty' | 'refusal';

/** One generation request, reduced to what the generator needs. */
export interface AnswerRequest {
  mode: StructuredMode;
  /** Root schema of the structured output; absent for `jsonObject` and `text`. */
  schema?: JsonSchema;
  /** Every text of the prompt, system first (for language and, without a schema, the record shape). */
  promptTexts: readonly string[];
  /** Text of the last user message (for the requested record count). */
  lastUserText: string;
  outcome: ContentOutcome;
  /** Request's output token cap; enforced only when the server enforces max tokens. */
  maxTokens?: number;
  random: SeededRandom;
}

/** A generated answer, ready to be shaped into either provider's response. */
export interface GeneratedAnswer {
  outcome: ContentOutcome;
  /** Text content: JSON (possibly cut), fenced JSON with prose, or prose for malformed/refusal. */
  text: string;
  /** Tool mode: the tool input object (holding only the complete records when truncated). */
  object?: unknown;
  /** Records the client receives complete, in order. */
  delivered: GeneratedRecord[];
  outputTokens: number;
  language: TextLanguage;
  shapeKey: string;
}

const recordsPlaceholder = '\u0000records\u0000';
const poolLimit = 2000;

/**
 * Server-wide generation state: the seeded master PRNG, the serial counter that keeps texts
 * distinct, and the pool of delivered records duplicates are copied from.
 */
export class RecordEngine {
  readonly #master: SeededRandom;
  readonly #plant: TestServerPlant;
  readonly #enforceMaxTokens: boolean;
  readonly #pool = new Map<string, unknown[]>();
  #serial = 0;

  constructor(options: { seed: number; plant?: TestServerPlant; enforceMaxTokens?: boolean }) {
    this.#master = new SeededRandom(options.seed);
    this.#plant = options.plant ?? {};
    this.#enforceMaxTokens = options.enforceMaxTokens ?? false;
  }

  /** A child PRNG for one request, drawn in arrival order so answers do not depend on timing. */
  requestRandom(): SeededRandom {
    return new SeededRandom(this.#master.uint32());
  }

  /** Generates the content of one answer. */
  answer(request: AnswerRequest): GeneratedAnswer {
    const { random } = request;
    const language = promptLanguage(request.promptTexts.join('\n'));
    const text = new TextGenerator({ language, random, nextSerial: () => ++this.#serial });
    const root: JsonSchema =
      request.schema ??
      (request.mode === 'jsonObject'
        ? {
            type: 'object',
            properties: { records: { type: 'array', items: recordSchemaFromPrompt(request.promptTexts) } },
            required: ['records'],
          }
        : { type: 'array', items: recordSchemaFromPrompt(request.promptTexts) });
    const location = locateRecords(root);
    const shapeKey = createHash('sha1')
      .update(language)
      .update(JSON.stringify(location.recordSchema))
      .digest('hex');
    if (request.outcome === 'malformed' || request.outcome === 'empty' || request.outcome === 'refusal') {
      const prose = request.outcome === 'empty' ? '' : proseFor(request.outcome, text);
      return {
        outcome: request.outcome,
        text: prose,
        delivered: [],
        outputTokens: countTokens(prose),
        language,
        shapeKey,
      };
    }
    const values = new SchemaValueGenerator({ root, random, text });
    const wanted = requestedRecordCount(request.lastUserText);
    const count = location.kind === 'single' ? 1 : values.arrayLength(location.arraySchema, wanted);
    const records = generateRecords({
      count,
      recordSchema: location.recordSchema,
      values,
      text,
      random,
      plant: this.#plant,
      earlier: this.#pool.get(shapeKey) ?? [],
      fresh: freshValues(location.recordSchema, values, request.lastUserText),
    });
    const wrapper =
      location.kind === 'property'
        ? withPlaceholder(values.generate(withoutProperty(values.resolve(root), location.key)), location.key)
        : undefined;
    const rendered = render({ wrapper, location, records, mode: request.mode, language });
    let outcome: ContentOutcome = request.outcome;
    let cut = rendered.text.length;
    if (outcome === 'truncated') {
      const middle = Math.floor(records.length / 2);
      const span = rendered.spans[middle];
      cut = span ? span.start + Math.max(1, Math.floor((span.end - span.start) / 2)) : Math.floor(cut / 2);
    } else if (
      this.#enforceMaxTokens &&
      request.maxTokens !== undefined &&
      countTokens(rendered.text) > request.maxTokens
    ) {
      outcome = 'truncated';
      cut = prefixWithinTokens(rendered.text, request.maxTokens);
    }
    const delivered = records.filter(
      (_, index) => (rendered.spans[index]?.end ?? Number.POSITIVE_INFINITY) <= cut,
    );
    const finalText = rendered.text.slice(0, cut);
    const answer: GeneratedAnswer = {
      outcome,
      text: finalText,
      delivered,
      outputTokens: countTokens(finalText),
      language,
      shapeKey,
    };
    if (request.mode === 'tool') {
      answer.object = assemble(
        wrapper,
        location,
        delivered.map((record) => record.value),
      );
    }
    return answer;
  }

  /**
   * Adds an answer's fresh records to the duplicate pool (call once it reached the client). Only
   * complete answers count: a client may drop a truncated answer whole, and a duplicate of a record
   * it never kept would not look like one.
   */
  commit(answer: GeneratedAnswer): void {
    if (answer.outcome !== 'complete' || answer.delivered.length === 0) return;
    const pool = this.#pool.get(answer.shapeKey) ?? [];
    for (const record of answer.delivered) {
      if (!record.planted && record.echoed === undefined && !record.carriesText) pool.push(record.value);
    }
    if (pool.length > poolLimit) pool.splice(0, pool.length - poolLimit);
    this.#pool.set(answer.shapeKey, pool);
  }
}

/**
 * What a model following the prompt would put in fresh record `position`: the values the prompt asks
 * enum fields to take (when they are members of the enum), and its position in an integer `index`
 * property (shifted to `minimum`, capped at `maximum`), as a judge numbering its scores does.
 */
function freshValues(
  recordSchema: JsonSchema,
  values: SchemaValueGenerator,
  lastUserText: string,
): ((position: number) => Record<string, unknown> | undefined) | undefined {
  const properties = propertiesOf(values.resolve(recordSchema));
  const fixed: [string, (position: number) => unknown][] = [];
  for (const [field, request] of requestedFieldValues(lastUserText)) {
    const property = properties[field] === undefined ? undefined : values.resolve(properties[field]);
    const members = Array.isArray(property?.enum) ? property.enum : [];
    const usable = request.values.filter((value) => members.includes(value));
    if (usable.length !== request.values.length || usable.length === 0) continue;
    fixed.push([field, (position) => (request.each ? usable[position] : usable[0])]);
  }
  const index = properties.index === undefined ? undefined : values.resolve(properties.index);
  if (index && schemaType(index) === 'integer') {
    const minimum = typeof index.minimum === 'number' ? Math.ceil(index.minimum) : 0;
    const maximum = typeof index.maximum === 'number' ? Math.floor(index.maximum) : Number.POSITIVE_INFINITY;
    fixed.push(['index', (position) => Math.min(maximum, minimum + position)]);
  }
  if (fixed.length === 0) return undefined;
  return (position) => {
    const result: Record<string, unknown> = {};
    for (const [field, value] of fixed) {
      const chosen = value(position);
      if (chosen !== undefined) result[field] = chosen;
    }
    return result;
  };
}

function withoutProperty(schema: JsonSchema, key: string): JsonSchema {
  const { [key]: _removed, ...properties } = (schema.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(schema.required) ? schema.required.filter((entry) => entry !== key) : [];
  return { ...schema, properties, required };
}

function withPlaceholder(generated: unknown, key: string): Record<string, unknown> {
  const wrapper =
    typeof generated === 'object' && generated !== null && !Array.isArray(generated) ? generated : {};
  return { ...(wrapper as Record<string, unknown>), [key]: recordsPlaceholder };
}

function assemble(
  wrapper: Record<string, unknown> | undefined,
  location: RecordsLocation,
  records: unknown[],
): unknown {
  if (location.kind === 'single') return records[0] ?? {};
  if (location.kind === 'root-array') return records;
  return { ...wrapper, [location.key]: records };
}

interface RenderedText {
  text: string;
  spans: { start: number; end: number }[];
}

function render(options: {
  wrapper: Record<string, unknown> | undefined;
  location: RecordsLocation;
  records: GeneratedRecord[];
  mode: StructuredMode;
  language: TextLanguage;
}): RenderedText {
  const { wrapper, location, records, mode, language } = options;
  const lines = records.map((record) => JSON.stringify(record.value));
  let text: string;
  let offset: number;
  if (location.kind === 'single') {
    text = lines[0] ?? '{}';
    offset = 0;
    return finish(mode, language, records.length, {
      text,
      spans: [{ start: offset, end: offset + text.length }],
    });
  }
  const indent = location.kind === 'root-array' ? '  ' : '    ';
  const closing = location.kind === 'root-array' ? '\n]' : '\n  ]';
  const block = lines.length === 0 ? '[]' : `[\n${lines.map((line) => indent + line).join(',\n')}${closing}`;
  if (location.kind === 'root-array') {
    text = block;
    offset = 0;
  } else {
    const skeleton = JSON.stringify(wrapper, null, 2);
    const marker = JSON.stringify(recordsPlaceholder);
    offset = skeleton.indexOf(marker);
    text = skeleton.slice(0, offset) + block + skeleton.slice(offset + marker.length);
  }
  const spans: { start: number; end: number }[] = [];
  let position = offset + 2;
  for (const line of lines) {
    position += indent.length;
    spans.push({ start: position, end: position + line.length });
    position += line.length + 2;
  }
  return finish(mode, language, records.length, { text, spans });
}

function finish(
  mode: StructuredMode,
  language: TextLanguage,
  count: number,
  rendered: RenderedText,
): RenderedText {
  if (mode !== 'text') return rendered;
  const before =
    language === 'zh'
      ? `以下是${count}条新的数据：\n\n\`\`\`json\n`
      : `Here are ${count} new ${count === 1 ? 'record' : 'records'} in the requested format:\n\n\`\`\`json\n`;
  const after =
    language === 'zh'
      ? '\n```\n\n每条数据都遵循示例的结构。'
      : '\n```\n\nEach record follows the structure of the examples.';
  return {
    text: before + rendered.text + after,
    spans: rendered.spans.map((span) => ({
      start: span.start + before.length,
      end: span.end + before.length,
    })),
  };
}

function proseFor(outcome: 'malformed' | 'refusal', text: TextGenerator): string {
  if (outcome === 'refusal') {
    return text.language === 'zh'
      ? '抱歉，我无法协助完成这个请求。'
      : "I'm sorry, but I can't help with that request.";
  }
  const filler = text.text({ maxLength: 200 });
  return text.language === 'zh'
    ? `好的，下面是生成的数据：记录一：${filler} 记录二：（未完成`
    : `Sure! Here are the records you asked for: record one - ${filler} record two - (unfinished`;
}

function prefixWithinTokens(text: string, maxTokens: number): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(text.slice(0, middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  return low;
}
