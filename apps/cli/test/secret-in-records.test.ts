import fs from 'node:fs';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { reviewSeeds, reviewsSchema, startTestServer } from '@datasynth/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { OPENAI_SENTINEL_KEY, runCli } from './spawn-cli.js';
import { filesContaining, makeDatasetWorkspace, readJsonLines, removeWorkspaces } from './workspace.js';

afterAll(() => removeWorkspaces());

describe('a provider that writes the run’s own API key into generated records', () => {
  it('rejects those records as `secret` (redacted) and the key reaches no file, stdout or stderr', async () => {
    // The server puts the very key the CLI authenticates with into the longest field of some records.
    await using server = await startTestServer({
      seed: 41,
      plant: { text: { value: OPENAI_SENTINEL_KEY, share: 0.4 } },
    });
    const root = makeDatasetWorkspace(reviewsSchema, reviewSeeds, 'datasynth-secret-');
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
    expect(readJsonLines(output)).toHaveLength(20);
    // Every record that carried the key was rejected as `secret`, with the key redacted.
    const secretRejects = readJsonLines(journalPaths(output).rejects).filter(
      (reject) => reject.kind === 'secret',
    );
    expect(secretRejects).toHaveLength(planted);
    for (const reject of secretRejects) {
      expect(JSON.stringify(reject.data)).toContain('[redacted]');
    }
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: 0, generatedCount: 20 });
    // Output, journal, rejects, state, stats and report: the key is in none of them.
    const { journal, rejects, state } = journalPaths(output);
    for (const file of [output, journal, rejects, state, `${output}.stats.json`, `${output}.stats.html`]) {
      expect(fs.existsSync(file), file).toBe(true);
    }
    expect(filesContaining(root, OPENAI_SENTINEL_KEY)).toEqual([]);
    expect(run.stdout).not.toContain(OPENAI_SENTINEL_KEY);
    expect(run.stderr).not.toContain(OPENAI_SENTINEL_KEY);
  });
});
