import { readFileSync } from 'node:fs';
import { recordsSchema } from '@datasynth/testkit';
import type { GenerateRequest } from '../spec/generate-request.js';
import type { JsonSchema } from '../spec/json-schema.js';

const samplesFile = new URL(
  '../../../../examples/datarecipe-belle-zh/09_样例数据/samples.json',
  import.meta.url,
);

/** Record schema of the BELLE DataRecipe folder (`04_复刻指南/DATA_SCHEMA.json`) as JSON Schema (closed, as strict mode wants it). */
export const belleRecordsSchema: JsonSchema = recordsSchema({
  instruction: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  category: { type: 'string', enum: ['generation', 'classification'] },
});

/**
 * A Chinese generation request from the real BELLE samples. No text in it says "json", which
 * JSON mode on OpenAI-compatible servers requires (test fixture).
 */
export function belleSampleRequest(): GenerateRequest {
  const { samples } = JSON.parse(readFileSync(samplesFile, 'utf8')) as { samples: { data: unknown }[] };
  const examples = samples.slice(0, 12).map((sample) => JSON.stringify(sample.data));
  return {
    system: [{ text: `你为训练数据集编写新的中文指令数据。示例：\n${examples.join('\n')}`, cache: true }],
    messages: [{ role: 'user', content: '请写 3 条新的数据。' }],
    output: { name: 'records', schema: belleRecordsSchema },
    maxTokens: 1500,
  };
}
