import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from './build-prompt.js';
import { buildStablePrompt } from './build-stable-prompt.js';
import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import type { DataType } from './detect-data-type.js';
import type { Language } from './detect-language.js';
import { parseSchema } from './parse-schema.js';
import { readDataRecipeFolder } from './read-datarecipe-folder.js';

const belle = readDataRecipeFolder(
  path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh'),
);
const schemaOf = (input: unknown) => parseSchema(input).schema;

/** Every field name a prompt refers to: `backticked` names and the keys of its reply skeleton. */
function namedFields(prompt: string): Set<string> {
  const names = new Set<string>();
  for (const match of prompt.matchAll(/(?<!`)`([^`\n]+)`(?!`)/g)) names.add(match[1] as string);
  const skeleton = /```json\n\[\n {2}(.*)\n\]\n```/.exec(prompt);
  const collectKeys = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collectKeys);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        names.add(key);
        collectKeys(inner);
      }
    }
  };
  if (skeleton) collectKeys(JSON.parse(skeleton[1] as string));
  return names;
}

function allFieldNames(fields: FieldSpec[], names = new Set<string>()): Set<string> {
  for (const field of fields) {
    if (field.name !== '') names.add(field.name);
    if (field.fields) allFieldNames(field.fields, names);
    if (field.items) allFieldNames([field.items], names);
  }
  return names;
}

const CANONICAL = [
  'instruction',
  'input',
  'output',
  'response',
  'prompt',
  'chosen',
  'rejected',
  'conversation',
  'messages',
  'role',
  'content',
  'question',
  'answer',
];
// The names the Python templates hard-coded (the first nine above); the English template text avoids
// them even as plain words.
const NEVER_AS_WORDS = CANONICAL.slice(0, CANONICAL.indexOf('messages') + 1);

const cases: { title: string; schema: DatasetSchema; dataType: DataType; forced?: DataType }[] = [
  {
    title: 'input + output (the Python regression)',
    schema: schemaOf({ input: 'string', output: 'string' }),
    dataType: 'instruction',
  },
  {
    title: 'question + answer',
    schema: schemaOf({ question: 'string', answer: 'string' }),
    dataType: 'instruction',
  },
  { title: 'BELLE instruction + input + output + category', schema: belle.schema, dataType: 'instruction' },
  {
    title: 'question + chosen + rejected',
    schema: schemaOf({ question: 'string', chosen: 'string', rejected: 'string' }),
    dataType: 'preference',
  },
  {
    title: 'dialogue of {speaker, text}',
    schema: schemaOf({
      dialogue: { type: 'list', nested_type: { speaker: 'string', text: 'string' } },
      topic: 'string',
    }),
    dataType: 'multi-turn',
  },
  {
    title: 'messages of {role, content}',
    schema: schemaOf({
      messages: {
        type: 'list',
        nested_type: {
          role: { type: 'string', constraints: { enum: ['user', 'assistant'] } },
          content: 'string',
        },
      },
    }),
    dataType: 'multi-turn',
  },
  {
    title: 'generic title + body',
    schema: schemaOf({ title: 'string', body: 'string', tags: { type: 'list', nested_type: 'string' } }),
    dataType: 'generic',
  },
  {
    title: 'forced preference on query + good + bad',
    schema: schemaOf({ query: 'string', good: 'string', bad: 'string' }),
    dataType: 'preference',
    forced: 'preference',
  },
  {
    title: 'forced instruction on src + tgt',
    schema: schemaOf({ src: 'string', tgt: 'string' }),
    dataType: 'instruction',
    forced: 'instruction',
  },
];

describe('buildStablePrompt: templates name exactly the real schema fields', () => {
  for (const testCase of cases) {
    for (const language of ['en', 'zh'] as Language[]) {
      it(`${testCase.title} (${language})`, () => {
        const stable = buildStablePrompt({
          schema: testCase.schema,
          language,
          ...(testCase.forced ? { dataType: testCase.forced } : {}),
        });
        expect(stable.dataType).toBe(testCase.dataType);
        const allowed = allFieldNames(testCase.schema.fields);
        const named = namedFields(stable.text);
        expect([...named].filter((name) => !allowed.has(name))).toEqual([]);
        for (const field of testCase.schema.fields) expect(named).toContain(field.name);
        for (const name of CANONICAL.filter((candidate) => !allowed.has(candidate))) {
          expect(stable.text).not.toContain(`\`${name}\``);
          expect(stable.text).not.toContain(`"${name}"`);
          if (language === 'en' && NEVER_AS_WORDS.includes(name)) {
            expect(stable.text).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
          }
        }
      });
    }
  }

  it('refuses a forced data type the schema cannot hold', () => {
    expect(() => buildStablePrompt({ schema: schemaOf({ text: 'string' }), dataType: 'preference' })).toThrow(
      /data type 'preference' needs three text fields/,
    );
  });
});

describe('buildStablePrompt: stability and content', () => {
  const base = {
    schema: belle.schema,
    guidelines: belle.guidelines ?? '',
    languageSample: belle.seeds,
    diversity: 0.5,
  };

  it('is byte-identical across batches whatever the varying part', () => {
    const first = buildPrompt({ ...base, seeds: belle.seeds.slice(0, 3), count: 5 });
    const second = buildPrompt({
      ...base,
      seeds: belle.seeds.slice(10, 14),
      count: 12,
      steering: { topic: '旅行', avoid: ['写诗'], targetValues: { category: 'classification' } },
    });
    expect(second.stable).toEqual(first.stable);
    expect(second.varying).not.toBe(first.varying);
    expect(buildStablePrompt(base).text).toBe(first.stable.text);
  });

  it('carries fixed reference examples in the stable part, in the seeds language', () => {
    const references = belle.seeds.slice(0, 4);
    const withReferences = buildStablePrompt({ ...base, referenceExamples: references });
    expect(withReferences.text).toContain('## 参考样例');
    for (const example of references) expect(withReferences.text).toContain(JSON.stringify(example));
    expect(withReferences.text.length).toBeGreaterThan(buildStablePrompt(base).text.length);
    expect(buildStablePrompt({ ...base, referenceExamples: references }).text).toBe(withReferences.text);
    expect(buildStablePrompt({ ...base, language: 'en', referenceExamples: references }).text).toContain(
      '## Reference examples',
    );
  });

  it('picks the language from the seeds, and can be overridden', () => {
    expect(buildStablePrompt(base).language).toBe('zh');
    expect(buildStablePrompt(base).text).toContain('## 回复格式');
    const english = buildStablePrompt({ ...base, language: 'en' });
    expect(english.language).toBe('en');
    expect(english.text).toContain('## Reply format');
    const englishSeeds = buildStablePrompt({
      schema: schemaOf({ input: 'string', output: 'string' }),
      languageSample: [{ input: 'Say hi', output: 'Hi' }],
    });
    expect(englishSeeds.language).toBe('en');
  });

  it('carries the schema, rubric and guidelines', () => {
    const { text } = buildStablePrompt(base);
    expect(text).toContain('「BELLE-zh-seed」');
    expect(text).toContain(
      '`category`（字符串、必填） — 任务类型。取值只能是："generation"、"classification"',
    );
    expect(text).toContain('- 1 分（优秀）：回答完整准确，逻辑清晰，表达流畅');
    expect(text).toContain('## 3. 质量标准');
  });

  it('turns diversity into instructions', () => {
    const en = (diversity: number) => buildStablePrompt({ ...base, language: 'en', diversity }).text;
    expect(en(0.1)).toContain('Stay close to the examples');
    expect(en(0.5)).toContain('Vary moderately');
    expect(en(0.9)).toContain('Explore widely');
    expect(buildStablePrompt({ ...base, diversity: 0 }).text).toContain('贴近样例');
    expect(buildStablePrompt({ ...base, diversity: 1 }).text).toContain('大胆拓展');
  });

  it('asks for a ```json array, or for the records array under structured output', () => {
    const text = buildStablePrompt(base).text;
    expect(text).toContain(
      '```json\n[\n  { "instruction": "...", "input": "...", "output": "...", "category": "..." }\n]\n```',
    );
    const structured = buildStablePrompt({ ...base, structuredOutput: true }).text;
    expect(structured).toContain('records 数组');
    expect(structured).not.toContain('```json');
  });

  it('cuts long guidelines at a paragraph boundary and says so', () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, index) => `Rule ${index}: every record must respect rule number ${index}, no exceptions.`,
    );
    const guidelines = paragraphs.join('\n\n');
    const stable = buildStablePrompt({
      schema: belle.schema,
      language: 'en',
      guidelines,
      maxGuidelineChars: 1000,
    });
    expect(stable.guidelinesTruncated).toBe(true);
    const section =
      /## Guidelines\n\n([\s\S]*?)\n\n\[Guidelines shortened to fit: the first (\d+) of (\d+) characters/.exec(
        stable.text,
      );
    expect(section).not.toBeNull();
    const kept = section?.[1] as string;
    expect(kept.length).toBeLessThanOrEqual(1000);
    expect(guidelines.startsWith(`${kept}\n\n`)).toBe(true);
    expect(paragraphs).toContain(kept.split('\n\n').at(-1));
    expect(Number(section?.[2])).toBe(kept.length);
    expect(Number(section?.[3])).toBe(guidelines.length);
    expect(
      buildStablePrompt({ schema: belle.schema, guidelines: belle.guidelines ?? '' }).guidelinesTruncated,
    ).toBe(false);
  });
});
