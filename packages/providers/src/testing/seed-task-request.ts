import type { GenerateRequest } from '../spec/generate-request.js';
import { seedTaskBatchSchema } from './seed-task-schema.js';
import { loadSeedTasks } from './self-instruct-seeds.js';

/**
 * A realistic generation request: a long, stable, cacheable system prompt built from real
 * Self-Instruct seeds (well over 1024 tokens), then a short varying user turn (test fixture).
 */
export function seedTaskRequest(
  options: { count?: number; structured?: boolean; seedOffset?: number } = {},
): GenerateRequest {
  const seeds = loadSeedTasks();
  const examples = seeds.slice(0, 40).map((seed) => JSON.stringify(seed));
  const offset = options.seedOffset ?? 0;
  const varying = seeds.slice(40 + offset, 43 + offset).map((seed) => JSON.stringify(seed));
  const request: GenerateRequest = {
    system: [
      {
        text: `You write new instruction-following tasks for a training dataset. Each task has a snake_case name, an instruction, a category, whether it is a classification task, and input/output instances. Examples of the style:\n${examples.join('\n')}`,
        cache: true,
      },
      { text: 'Never repeat an example. Vary topics widely.' },
    ],
    messages: [
      {
        role: 'user',
        content: `Write ${options.count ?? 3} new tasks. For inspiration:\n${varying.join('\n')}`,
      },
    ],
    maxTokens: 2048,
  };
  if (options.structured ?? true) {
    request.output = {
      name: 'submit_tasks',
      description: 'Submit the new tasks.',
      schema: seedTaskBatchSchema,
    };
  }
  return request;
}
