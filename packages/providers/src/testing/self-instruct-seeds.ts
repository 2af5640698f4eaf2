import { readFileSync } from 'node:fs';

/** One Self-Instruct seed task, as in `examples/self-instruct/seed_tasks.jsonl`. */
export interface SeedTask {
  id: string;
  name: string;
  instruction: string;
  instances: { input: string; output: string }[];
  is_classification: boolean;
}

const seedsFile = new URL('../../../../examples/self-instruct/seed_tasks.jsonl', import.meta.url);

/** The real Self-Instruct seed tasks shipped with the repository (test fixture). */
export function loadSeedTasks(): SeedTask[] {
  return readFileSync(seedsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SeedTask);
}
