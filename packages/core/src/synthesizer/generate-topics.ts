import { countTokens } from '@datasynth/cost';
import { buildTopicsPrompt, parseTopics, topicsSchema } from '@datasynth/prompts';
import type { GenerateRequest } from '@datasynth/providers';
import type { OpenedRun } from './open-run.js';
import type { RunEvents } from './run-events.js';
import type { SynthesisRunOptions } from './synthesis-run.js';

/** Topics asked for when `steering.generateTopics` is `true`. */
const DEFAULT_TOPIC_COUNT = 20;

/**
 * Asks the model once for topics from the seeds (`steering.generateTopics`), before the first
 * batch; they are kept in the run state, so a resume reuses them. A failed call or an empty answer
 * leaves the run without topics (with a warning).
 */
export async function generateTopics(
  options: SynthesisRunOptions,
  run: Pick<OpenedRun, 'steering' | 'gate' | 'governor' | 'plan'>,
  events: RunEvents,
): Promise<void> {
  const { config, inputs, model } = options;
  const generate = config.steering?.generateTopics;
  const { steering } = run;
  if (!steering || !generate || steering.topics.length > 0) return;
  const count = generate === true ? DEFAULT_TOPIC_COUNT : generate;
  const prompt = buildTopicsPrompt({
    schema: inputs.schema,
    seeds: inputs.seeds.slice(0, 12),
    count,
    language: run.plan.language,
  });
  const structured = config.structuredOutput && model.capabilities.structuredOutput !== 'none';
  const request: GenerateRequest = {
    system: [{ text: prompt.system }],
    messages: [{ role: 'user', content: prompt.user }],
    maxTokens: 200 + 40 * count,
    ...(structured && {
      output: { name: 'list_topics', description: 'List the topics.', schema: topicsSchema(count) },
    }),
  };
  let topics: string[] = [];
  try {
    const inputTokens = countTokens(`${prompt.system}\n${prompt.user}`, { model: model.modelId });
    const result = await run.gate.sendAuxiliary(model, run.governor, request, inputTokens);
    topics = parseTopics(result.object ?? result.text);
  } catch (cause) {
    run.gate.fail(cause);
  }
  if (topics.length === 0) {
    events.warn('No topics could be generated from the seeds; the run goes on without topics.');
    return;
  }
  // Called before the first batch: the steering already counts every accepted record.
  steering.useTopics(topics);
}
