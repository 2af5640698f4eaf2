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

/**
 * The shared datasets (`shared/datasets`): beside the repository in CI (a clone with `shared/` at
 * `../shared`, read-only), or the machine-wide copy.
 */
export const SHARED_DATASETS = [
  path.resolve(import.meta.dirname, '../../../../shared/datasets'),
  '/work/shared/datasets',
].find((candidate) => fs.existsSync(candidate));

/** A shared dataset folder by name; throws a clear error when `shared/` is not beside the repository. */
export function sharedDataset(name: string): string {
  if (SHARED_DATASETS === undefined) {
    throw new Error('shared/datasets is missing: put a copy of shared/ beside the repository (../shared)');
  }
  return path.join(SHARED_DATASETS, name);
}

/** Copies a (read-only) shared DataRecipe folder into a temp dir, writable, so a run may add `11_合成数据/`. */
export function copySharedFolder(name: string): string {
  const dir = path.join(makeTempDir(), path.basename(name));
  fs.cpSync(sharedDataset(name), dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
  return dir;
}

/** Every .json/.jsonl file under a folder, hidden ones included, as DataCheck's `rglob` finds them. */
export function dataCheckFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(json|jsonl)$/i.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Reads a JSONL file written whole: it must end in a newline and every line must parse. */
export function readWholeJsonl(file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${file} does not end in a newline: its last line is torn`);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}
