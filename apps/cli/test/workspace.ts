import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The in-repo copy of the BELLE DataRecipe analysis folder. */
export const BELLE_DIR = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');

/** Paths inside a fresh temp workspace. */
export interface Workspace {
  root: string;
  /** A copy of the BELLE analysis folder. */
  analysisDir: string;
  /** Its DATA_SCHEMA.json, copied to the root. */
  schema: string;
  /** Its samples.json, copied to the root. */
  seeds: string;
  /** The default output of `generate` for {@link analysisDir}. */
  defaultOutput: string;
}

const created: string[] = [];

/** A temp folder holding a copy of the BELLE analysis folder plus its schema and seeds side by side. */
export function makeWorkspace(prefix = 'datasynth-cli-'): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(root);
  const analysisDir = path.join(root, 'belle');
  fs.cpSync(BELLE_DIR, analysisDir, { recursive: true });
  const schema = path.join(root, 'schema.json');
  const seeds = path.join(root, 'seeds.json');
  fs.copyFileSync(path.join(analysisDir, '04_复刻指南', 'DATA_SCHEMA.json'), schema);
  fs.copyFileSync(path.join(analysisDir, '09_样例数据', 'samples.json'), seeds);
  return {
    root,
    analysisDir,
    schema,
    seeds,
    defaultOutput: path.join(analysisDir, '11_合成数据', 'synthetic.json'),
  };
}

/** A temp folder holding `schema.json` and `seeds.jsonl` (one seed a line); removed by {@link removeWorkspaces}. */
export function makeDatasetWorkspace(
  schema: unknown,
  seeds: readonly unknown[],
  prefix = 'datasynth-cli-',
): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(root);
  fs.writeFileSync(path.join(root, 'schema.json'), JSON.stringify(schema, null, 2));
  fs.writeFileSync(
    path.join(root, 'seeds.jsonl'),
    `${seeds.map((seed) => JSON.stringify(seed)).join('\n')}\n`,
  );
  return root;
}

/** The objects of a JSONL file, blank lines skipped. */
export function readJsonLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Deletes every workspace made so far (call from `afterAll`). */
export function removeWorkspaces(): void {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** Every file under `dir` with the sha256 of its contents (relative paths, sorted). */
export function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        hashes[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return hashes;
}

/**
 * Every file under `dir` (FIFOs and links too) with its kind: nothing may appear or vanish. Folders
 * are left out: opening a run may create its empty `.datasynth` bookkeeping folder before refusing.
 */
export function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => {
      const kind = entry.isFIFO() ? 'fifo' : entry.isSymbolicLink() ? 'link' : 'file';
      return `${path.relative(dir, path.join(entry.parentPath, entry.name))} (${kind})`;
    })
    .sort();
}

/** Files under `dir` whose contents include `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.readFileSync(full, 'utf8').includes(needle)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** Number of records in an output file: envelope samples, a JSON array, or JSONL lines. */
export function countRecords(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) return text.split('\n').filter((line) => line.trim() !== '').length;
  const value = JSON.parse(text) as unknown;
  if (Array.isArray(value)) return value.length;
  return ((value as { samples?: unknown[] }).samples ?? []).length;
}
