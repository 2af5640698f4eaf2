import path from 'node:path';
import {
  reviewSeeds,
  reviewsSchema,
  schemaViolations,
  startTestServer,
  type TestServer,
} from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_SENTINEL_KEY, runCli } from './spawn-cli.js';
import { makeDatasetWorkspace, readJsonLines, removeWorkspaces } from './workspace.js';

/** The shared reviews dataset (integer ranges, string lengths, an enum, an array with item counts). */
const schemaOfReviews = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...reviewsSchema };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 23 });
});

afterAll(async () => {
  await server?.close();
  removeWorkspaces();
});

/**
 * For a server without structured output, only what the testkit's text-mode model infers from the
 * seed examples (field names and value types) can be met; enums and tight ranges are structured
 * output's job, so this schema keeps to what examples show.
 */
const notesSchema = {
  type: 'object',
  properties: {
    product: { type: 'string', minLength: 3 },
    review: { type: 'string', minLength: 20 },
    votes: { type: 'integer', minimum: 0, maximum: 1000 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
  },
  required: ['product', 'review', 'votes', 'tags'],
};

function workspace(schema: Record<string, unknown> = schemaOfReviews): string {
  const rows = reviewSeeds.map((seed) =>
    schema === schemaOfReviews
      ? seed
      : { product: seed.product, review: seed.review, votes: seed.rating * 7, tags: seed.tags },
  );
  return makeDatasetWorkspace(schema, rows, 'datasynth-constrained-');
}

describe.concurrent('constraint schemas through the OpenAI wire format', () => {
  it('strict OpenAI output carries ranges and item counts: exactly N valid records, none rejected', async () => {
    const root = workspace();
    const run = await runCli(
      [
        'create',
        'schema.json',
        'seeds.jsonl',
        '-m',
        'gpt-4.1-mini',
        '-n',
        '24',
        '--batch-size',
        '8',
        '-o',
        'reviews.jsonl',
        '--json',
      ],
      { cwd: root, env: { OPENAI_API_KEY: OPENAI_SENTINEL_KEY, OPENAI_BASE_URL: server.openaiBaseURL } },
    );
    expect(run.code, run.stderr).toBe(0);
    const records = readJsonLines(path.join(root, 'reviews.jsonl'));
    expect(records).toHaveLength(24);
    for (const record of records) {
      const data = (record.data ?? record) as Record<string, unknown>;
      expect(schemaViolations(data, schemaOfReviews)).toEqual([]);
    }
    // Nothing rejected, and each call returned exactly its batch: the envelope said how many.
    expect(JSON.parse(run.stdout)).toMatchObject({
      exitCode: 0,
      generatedCount: 24,
      rejectedCount: 0,
      requests: 3,
      funnel: { requested: 24, parsed: 24, valid: 24 },
    });
    // Only the string lengths leave the strict schema, and the run says so once.
    const notices = run.stderr.split('\n').filter((line) => line.includes('does not take'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/records\[\]\.product\.minLength/);
    expect(notices[0]).not.toMatch(/rating\.minimum|tags\.maxItems/);
    expect(run.stderr + run.stdout).not.toContain(OPENAI_SENTINEL_KEY);
  });

  it('an OpenAI-compatible server that refuses json_schema and json_object still yields N valid records as text', async () => {
    await using plain = await startTestServer({ seed: 5, rejectJsonSchema: true, rejectJsonObject: true });
    const root = workspace(notesSchema);
    const run = await runCli(
      [
        'create',
        'schema.json',
        'seeds.jsonl',
        '-m',
        'openai-compatible:local-model',
        '--base-url',
        plain.openaiBaseURL,
        '-n',
        '10',
        '--batch-size',
        '5',
        '-o',
        'reviews.jsonl',
      ],
      { cwd: root },
    );
    expect(run.code, run.stderr).toBe(0);
    const records = readJsonLines(path.join(root, 'reviews.jsonl'));
    expect(records).toHaveLength(10);
    for (const record of records) {
      expect(schemaViolations((record.data ?? record) as Record<string, unknown>, notesSchema)).toEqual([]);
    }
    expect(run.stderr).toMatch(/rejected output mode 'json_schema'.*response_format/);
    expect(run.stderr).toMatch(/rejected output mode 'json_object'.*response_format/);
    const modeLines = run.stderr.split('\n').filter((line) => line.includes("in output mode 'text'"));
    expect(modeLines).toHaveLength(1);
    expect(plain.stats().structuredRequests.text).toBeGreaterThanOrEqual(2);
  });
});
