import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Test support only (not exported from the package): the real seed files shipped in the
// repository's /examples, found by walking up (this file may also run bundled, from elsewhere).
function examples(relative: string): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, 'examples', relative);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory)
      throw new Error(`examples/${relative} not found above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

const recordSchema = z.record(z.string(), z.unknown());

/** The 175 Self-Instruct seed tasks (English), nested shape `{id, name, instruction, instances[], is_classification}`. */
export function selfInstructSeeds(): Record<string, unknown>[] {
  const lines = fs.readFileSync(examples('self-instruct/seed_tasks.jsonl'), 'utf8').split('\n');
  return lines.filter((line) => line.trim() !== '').map((line) => recordSchema.parse(JSON.parse(line)));
}

/** The 50 DataRecipe BELLE samples (Chinese), flat `{instruction, input, output, category}`. */
export function belleSamples(): Record<string, unknown>[] {
  const file = z.object({ samples: z.array(z.object({ id: z.string(), data: recordSchema })) });
  const parsed = file.parse(
    JSON.parse(fs.readFileSync(examples('datarecipe-belle-zh/09_样例数据/samples.json'), 'utf8')),
  );
  return parsed.samples.map((sample) => sample.data);
}

/** The DataRecipe BELLE schema's fields (`04_复刻指南/DATA_SCHEMA.json`). */
export function belleSchemaFields(): { name: string; type: string; constraints?: { enum?: unknown[] } }[] {
  const file = z.object({
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        constraints: z.object({ enum: z.array(z.unknown()).optional() }).optional(),
      }),
    ),
  });
  return file.parse(
    JSON.parse(fs.readFileSync(examples('datarecipe-belle-zh/04_复刻指南/DATA_SCHEMA.json'), 'utf8')),
  ).fields;
}
