import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { reviewSeeds, reviewsSchema, startTestServer } from '@datasynth/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { OPENAI_SENTINEL_KEY, runCli } from './spawn-cli.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir`, recursively (the bookkeeping folder included). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return entry.isFile() ? [full] : [];
  });
}

function jsonLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a provider that writes the run’s own API key into generated records', () => {
  it('rejects those records as `secret` (redacted) and the key reaches no file, stdout or stderr', async () => {
    // The server puts the very key the CLI authenticates with into the longest field of some records.
    await using server = await startTestServer({
      seed: 41,
      plant: { text: { value: OPENAI_SENTINEL_KEY, share: 0.4 } },
    });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-secret-'));
    roots.push(root);
    fs.writeFileSync(path.join(root, 'schema.json'), JSON.stringify(reviewsSchema, null, 2));
    fs.writeFileSync(
      path.join(root, 'seeds.jsonl'),
      `${reviewSeeds.map((seed) => JSON.stringify(seed)).join('\n')}\n`,
    );
    const output = path.join(root, 'reviews.jsonl');

    const run = await runCli(
      [
        'create',
        'schema.json',
        'seeds.jsonl',
        '-m',
        'gpt-4.1-mini',
        '-n',
        '20',
        '--batch-size',
        '10',
        '-o',
        'reviews.jsonl',
        '--stats-html',
        '--json',
      ],
      { cwd: root, env: { OPENAI_API_KEY: OPENAI_SENTINEL_KEY, OPENAI_BASE_URL: server.openaiBaseURL } },
    );

    expect(run.code, run.stderr).toBe(0);
    const planted = server.stats().textPlanted;
    expect(planted).toBeGreaterThan(0);
    // The target is still met with records that hold no key.
    expect(jsonLines(output)).toHaveLength(20);
    // Every record that carried the key was rejected as `secret`, with the key redacted.
    const secretRejects = jsonLines(journalPaths(output).rejects).filter(
      (reject) => reject.kind === 'secret',
    );
    expect(secretRejects).toHaveLength(planted);
    for (const reject of secretRejects) {
      expect(JSON.stringify(reject.data)).toContain('[redacted]');
    }
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: 0, generatedCount: 20 });
    // Output, journal, rejects, state, stats and report: the key is in none of them.
    const written = filesUnder(root);
    expect(written).toEqual(
      expect.arrayContaining([
        output,
        journalPaths(output).journal,
        journalPaths(output).rejects,
        `${output}.stats.json`,
        `${output}.stats.html`,
      ]),
    );
    for (const file of written) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toContain(OPENAI_SENTINEL_KEY);
    }
    expect(run.stdout).not.toContain(OPENAI_SENTINEL_KEY);
    expect(run.stderr).not.toContain(OPENAI_SENTINEL_KEY);
  });
});
