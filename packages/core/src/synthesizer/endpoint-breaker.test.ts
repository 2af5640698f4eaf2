import fs from 'node:fs';
import path from 'node:path';
import { deadPort, startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { journalPaths } from '../journal/journal-paths.js';
import { DataSynthesizer } from './data-synthesizer.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const schema = {
  type: 'object',
  properties: { q: { type: 'string' }, a: { type: 'string' } },
  required: ['q', 'a'],
};
const seeds = [
  { q: 'What is 2 + 2?', a: 'Four.' },
  { q: 'Name a primary colour.', a: 'Red.' },
];

function synthesizer(baseURL: string, config: ConstructorParameters<typeof DataSynthesizer>[0] = {}) {
  return new DataSynthesizer(
    { model: 'openai-compatible:tiny', baseURL, targetCount: 20, randomSeed: 3, ...config },
    { apiKey: 'sk-test-key' },
  );
}

describe('the breaker: a dead or silent endpoint ends the run, not a reject count', () => {
  it('stops at the first refused connection with one line naming the base URL, and leaves nothing that blocks a re-run', async () => {
    const baseURL = `http://127.0.0.1:${await deadPort()}/v1`;
    const output = path.join(makeTempDir(), 'out.jsonl');
    const warnings: string[] = [];
    const result = await synthesizer(baseURL, { concurrency: 4 }).synthesize({
      schema,
      seeds,
      output,
      onEvent: (event) => {
        if (event.type === 'warning') warnings.push(event.message);
      },
    });
    expect(result.stoppedBecause).toBe('unreachable');
    expect(result.stopMessage).toContain(`could not reach the model server at ${baseURL}`);
    expect(result.stopMessage).toContain('baseURL');
    expect(result.stopMessage).not.toMatch(/reject/i);
    expect(result.stopMessage).not.toContain('\n');
    expect(result.requests).toBeLessThanOrEqual(4);
    expect(result.failedRequests).toBe(0);
    expect(warnings.filter((message) => /failed/.test(message))).toEqual([]);
    const paths = journalPaths(output);
    for (const file of [output, paths.journal, paths.state, paths.rejects, paths.lock]) {
      expect(fs.existsSync(file), file).toBe(false);
    }
    // A plain re-run (no resume, no overwrite) is not refused as an existing output.
    const again = await synthesizer(baseURL, { concurrency: 1 }).synthesize({ schema, seeds, output });
    expect(again.stoppedBecause).toBe('unreachable');
  });

  it("names the judge's own base URL when the judge cannot be reached, not the run's", async () => {
    const llm = await startTestServer({ seed: 5 });
    servers.push(llm);
    const judgeURL = `http://127.0.0.1:${await deadPort()}/v1`;
    const output = path.join(makeTempDir(), 'out.jsonl');
    const result = await synthesizer(llm.openaiBaseURL, {
      concurrency: 1,
      judge: { model: 'openai-compatible:tiny', baseURL: judgeURL },
    }).synthesize({ schema, seeds, output });
    expect(result.stoppedBecause).toBe('unreachable');
    expect(result.stopMessage).toContain(`could not reach the judge's model server at ${judgeURL}`);
    expect(result.stopMessage).toContain('judge.baseURL');
    expect(result.stopMessage).not.toContain(llm.openaiBaseURL);
  });

  it('stops after 3 calls in a row time out on a server that never answers, naming requestTimeoutMs', async () => {
    // The server reads its fault table on every request: clearing it heals the server.
    const faults = { hang: 1 };
    const llm = await startTestServer({ seed: 5, faults });
    servers.push(llm);
    const output = path.join(makeTempDir(), 'out.jsonl');
    const result = await synthesizer(llm.openaiBaseURL, {
      concurrency: 1,
      maxRetries: 5,
      retryBaseMs: 1,
      requestTimeoutMs: 200,
    }).synthesize({ schema, seeds, output });
    expect(result.stoppedBecause).toBe('unreachable');
    expect(result.stopMessage).toContain('3 calls in a row got no answer');
    expect(result.stopMessage).toContain('requestTimeoutMs');
    // No fourth call; a call the client gave up on before the server read it is not counted there.
    expect(llm.stats().totalRequests).toBeLessThanOrEqual(3);
    expect(fs.existsSync(journalPaths(output).journal)).toBe(false);
  });

  it('keeps a run that accepted records resumable when the endpoint goes silent', async () => {
    const llm = await startTestServer({ seed: 5 });
    servers.push(llm);
    const output = path.join(makeTempDir(), 'out.jsonl');
    const first = await synthesizer(llm.openaiBaseURL, { targetCount: 10, concurrency: 1 }).synthesize({
      schema,
      seeds,
      output,
    });
    expect(first.stoppedBecause).toBe('done');
    await llm.close();
    const resumed = await synthesizer(llm.openaiBaseURL, { targetCount: 30, concurrency: 1 }).synthesize({
      schema,
      seeds,
      output,
      resume: true,
    });
    expect(resumed.stoppedBecause).toBe('unreachable');
    expect(resumed.stopMessage).toContain('resume it once the server answers');
    expect(resumed.generatedCount).toBe(10);
    expect(fs.existsSync(journalPaths(output).journal)).toBe(true);
  });

  it('after a timeout, backs off, retries, makes later calls smaller and shows the retries in progress', async () => {
    // The first call hangs (the server stays busy with it); every later one is answered.
    // The server reads its fault table on every request: clearing it heals the server.
    const faults = { hang: 1 };
    const llm = await startTestServer({ seed: 5, faults });
    servers.push(llm);
    const output = path.join(makeTempDir(), 'out.jsonl');
    const warnings: string[] = [];
    const progress: { retries: number; inFlight: number; accepted: number }[] = [];
    const result = await synthesizer(llm.openaiBaseURL, {
      concurrency: 1,
      batchSize: 8,
      retryBaseMs: 1,
      requestTimeoutMs: 300,
      targetCount: 12,
    }).synthesize({
      schema,
      seeds,
      output,
      onEvent: (event) => {
        if (event.type === 'warning') warnings.push(event.message);
        if (event.type === 'progress') {
          progress.push(event.progress);
          // Heal the server once the timed-out attempt is reported: the retry is answered.
          faults.hang = 0;
        }
      },
    });
    expect(result.stoppedBecause).toBe('done');
    expect(warnings).toContain(
      'A call got no answer within 300 ms: batch size lowered to 6 for the rest of the run.',
    );
    // The failed attempt is shown at once (nothing in flight, no retry yet), then the retry counts.
    expect(progress[0]).toMatchObject({ accepted: 0, inFlight: 0, retries: 0 });
    expect(progress.at(-1)).toMatchObject({ accepted: 12, inFlight: 0, retries: 1 });
    // The retry of the timed-out call asks for its 8 records; the next call for at most the smaller batch.
    expect(result.requests).toBe(3);
  });
});
