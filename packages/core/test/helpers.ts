import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The in-repo copy of the BELLE DataRecipe folder (50 Chinese seeds, an enum field, a rubric). */
export const BELLE_FOLDER = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');

/** A fresh temp dir, removed by the returned dispose function. */
export function makeTempDir(prefix = 'datasynth-core-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies the BELLE folder into a temp dir so tests may write `11_合成数据/` beside it. */
export function copyBelleFolder(): string {
  const dir = path.join(makeTempDir(), 'belle');
  fs.cpSync(BELLE_FOLDER, dir, { recursive: true });
  return dir;
}

/** Reads a JSONL file into objects (every line must parse). */
export function readJsonl(file: string): Record<string, unknown>[] {
  const text = fs.readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Environment for a provider pointed at a loopback test server. */
export function providerEnv(baseURL: string): NodeJS.ProcessEnv {
  return { ...process.env, ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: baseURL };
}
