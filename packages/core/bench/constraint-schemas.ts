/**
 * (e) Valid records of what was requested, with a constraint schema (integer ranges, string
 * lengths, an enum, an array with item counts), through each wire format on a clean loopback
 * server: Anthropic forced tool use, Anthropic `output_config.format`, OpenAI strict
 * `json_schema`. The server refuses schemas outside each provider's documented subset and its
 * model honours what the schema (or, for what a provider cannot take, the field's description)
 * says, as a constrained decoder reading the request would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnthropic, createOpenAI, type LanguageModel } from '@datasynth/providers';
import { reviewSeeds, reviewsSchema, startTestServer } from '@datasynth/testkit';
import { DataSynthesizer } from '../src/index.js';

/** The shared reviews dataset with one more optional field, an integer range seeds fill or leave out. */
const schema = {
  ...reviewsSchema,
  properties: { ...reviewsSchema.properties, helpful_votes: { type: 'integer', minimum: 0, maximum: 500 } },
};
const HELPFUL_VOTES = [12, undefined, 0];
const seeds = reviewSeeds.map((seed, index) => {
  const votes = HELPFUL_VOTES[index];
  return votes === undefined ? { ...seed } : { ...seed, helpful_votes: votes };
});

/** One benchmark row, as run.ts prints it. */
export interface ConstraintRow {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
  detail: string;
}

interface WireResult {
  wire: string;
  share: number;
  detail: string;
}

async function runWire(wire: string, model: LanguageModel, target: number): Promise<WireResult> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-bench-constraints-'));
  try {
    const result = await new DataSynthesizer(
      { model: model.modelId, targetCount: target, batchSize: 10, retryBaseMs: 50, randomSeed: 42 },
      { languageModel: model },
    ).synthesize({ schema, seeds, output: path.join(folder, 'out.jsonl') });
    const { requested, valid } = result.funnel;
    return {
      wire,
      share: valid / requested,
      detail: `${wire}: ${valid}/${requested} valid, ${result.generatedCount} kept in ${result.requests} calls`,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs the three wire formats and reports the worst share of valid records. */
export async function constraintSchemaBench(quick: boolean): Promise<ConstraintRow> {
  const target = quick ? 200 : 1000;
  const server = await startTestServer({ seed: 18 });
  try {
    const anthropic = createAnthropic({ apiKey: 'sk-ant-bench', baseURL: server.anthropicBaseURL });
    const openai = createOpenAI({ apiKey: 'sk-bench', baseURL: server.openaiBaseURL });
    const results = [
      await runWire('Anthropic tool use', anthropic('claude-sonnet-4-6'), target),
      await runWire(
        'Anthropic output_config.format',
        anthropic('claude-sonnet-4-6', { nativeStructuredOutput: true }),
        target,
      ),
      await runWire('OpenAI strict json_schema', openai('gpt-4.1-mini'), target),
    ];
    const worst = Math.min(...results.map((entry) => entry.share));
    return {
      name: '(e) valid share, constraint schema',
      figure: results.map((entry) => `${entry.share.toFixed(3)} ${entry.wire}`).join(', '),
      target: '≥ 0.99 each',
      pass: worst >= 0.99,
      detail: `${target} records each: ${results.map((entry) => entry.detail).join('; ')}`,
    };
  } finally {
    await server.close();
  }
}
