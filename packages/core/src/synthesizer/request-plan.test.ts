import { resolveModel } from '@datasynth/providers';
import { describe, expect, it } from 'vitest';
import { BELLE_FOLDER } from '../../test/helpers.js';
import { parseSynthesisConfig } from '../config/parse-config.js';
import type { SynthesisConfig } from '../config/synthesis-config.js';
import { loadInputs } from '../inputs/load-inputs.js';
import { createRandom } from '../plan/random.js';
import { planRunPrefix } from '../plan/stable-prefix.js';
import { RunSteering } from '../steering/run-steering.js';
import { RequestPlan, type RequestPlanOptions } from './request-plan.js';

const inputs = loadInputs({ analysisDir: BELLE_FOLDER });
const claude = resolveModel('claude-sonnet-4-6', { apiKey: 'sk-ant-test-key' });

function plan(settings: SynthesisConfig = {}, options: Partial<RequestPlanOptions> = {}): RequestPlan {
  const config = parseSynthesisConfig({ randomSeed: 7, ...settings });
  const model = options.model ?? claude;
  const prefix = planRunPrefix(config, inputs, {
    model: model.modelId,
    structuredOutput: config.structuredOutput,
  });
  return new RequestPlan({
    config,
    inputs,
    model,
    prefix,
    random: createRandom(config.randomSeed),
    countInputTokens: false,
    ...options,
  });
}

const userText = (planned: ReturnType<RequestPlan['next']>) => planned.request.messages[0]?.content ?? '';

describe('RequestPlan — what the run asks the model', () => {
  it('sends the stable prefix as a cacheable system part and the varying part as the user turn', () => {
    const steps = plan();
    const first = steps.next(10);
    expect(first.request.system).toEqual([{ text: steps.stable.text, cache: true }]);
    expect(first.request.output?.name).toBe('write_records');
    expect(first.request.maxTokens).toBeGreaterThanOrEqual(1024);
    expect(first.inputTokens).toBe(0);
    const envelope = first.request.output?.schema as { properties: { records: Record<string, unknown> } };
    const records = envelope.properties.records;
    // The envelope asks for exactly as many records as the request; reading answers back takes any count.
    expect(records).toMatchObject({ minItems: 10, maxItems: 10 });
    expect(steps.structuredOutput?.schema).not.toEqual(first.request.output?.schema);
    expect(plan({ promptCaching: false }).next(10).request.system[0]?.cache).toBe(false);
    expect(plan({ structuredOutput: false }).next(10).request.output).toBeUndefined();
  });

  it('counts input tokens only when a budget needs them', () => {
    const counted = plan({}, { countInputTokens: true }).next(10);
    expect(counted.inputTokens).toBeGreaterThan(100);
  });

  it('rotates the seeds so consecutive requests show different examples, and a resume continues the rotation', () => {
    const steps = plan();
    const requests = [steps.next(10), steps.next(10), steps.next(10)].map(userText);
    expect(new Set(requests).size).toBe(3);
    const offsetAfterOne = plan();
    offsetAfterOne.next(10);
    const resumed = plan({}, { seedOffset: offsetAfterOne.position().seedOffset });
    expect(userText(resumed.next(10))).toBe(requests[1]);
  });

  it('gives the same request to an online call and a provider batch: next(count) is the only builder', () => {
    const a = plan().next(4);
    const b = plan().next(4);
    expect(a.request).toEqual(b.request);
    expect(a.request.maxTokens).toBeLessThan(plan().next(40).request.maxTokens);
  });

  it('keeps a resumed batch size when it is lower, and lowers it by a quarter after each cut-off reply', () => {
    expect(plan({ batchSize: 10 }, { batchSize: 7 }).batchSize).toBe(7);
    expect(plan({ batchSize: 5 }, { batchSize: 7 }).batchSize).toBe(5);
    const steps = plan({ batchSize: 10 });
    const sizes = [];
    for (let size = steps.shrinkAfterTruncation(); size !== undefined; size = steps.shrinkAfterTruncation()) {
      sizes.push(size);
    }
    expect(sizes).toEqual([7, 5, 3, 2, 1]);
    expect(steps.position().batchSize).toBe(1);
  });

  it('sends Claude no temperature unless one is set; other models 0.8, raised 0.05 per retry up to 1', () => {
    const request = plan().next(5).request;
    expect(plan().forAttempt(request, 2)).not.toHaveProperty('temperature');
    expect(plan({ temperature: 0.9 }).forAttempt(request, 3).temperature).toBe(1);
    const gpt = resolveModel('gpt-4o-mini', { apiKey: 'sk-test-key' });
    const openai = plan({}, { model: gpt });
    expect(openai.forAttempt(request, 0).temperature).toBe(0.8);
    expect(openai.forAttempt(request, 1).temperature).toBeCloseTo(0.85, 9);
  });

  it('gives each request its steering (topics in turn) and keeps where the steering stands in its position', () => {
    const config = parseSynthesisConfig({ steering: { topics: ['volcanoes', 'tea ceremonies'] } });
    const steering = new RunSteering({
      schema: inputs.schema,
      settings: config.steering!,
      topics: ['volcanoes', 'tea ceremonies'],
      topicOffset: 0,
    });
    const steps = plan({}, { steering });
    expect(userText(steps.next(5))).toContain('volcanoes');
    expect(userText(steps.next(5))).toContain('tea ceremonies');
    const position = steps.position();
    expect(position.topics).toEqual(['volcanoes', 'tea ceremonies']);
    expect(position.topicOffset).toBe(2);
    expect(Object.keys(position.enumTargets ?? {})).not.toHaveLength(0);
  });
});
