import fs from 'node:fs';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { ElicitRequestSchema, type ElicitResult, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connect,
  type JobStatusReply,
  makeRoot,
  pollStatus,
  SENTINEL_KEY,
  scrubProviderEnv,
  snapshot,
  textOf,
} from '../../test/harness.js';

scrubProviderEnv();

/**
 * A request timeout a host might apply: the run of the polling test takes longer than that (every
 * answer of the slow server does), so it cannot fit in one call. The calls themselves are not held to
 * it, so a busy machine's slowness cannot fail them; that the run outlasts it is asserted instead.
 */
const CLIENT_TIMEOUT_MS = 4_000;

let fast: TestServer;
let slow: TestServer;
beforeAll(async () => {
  fast = await startTestServer({ seed: 7 });
  // Every answer takes longer than a client request may: no run against it fits in one call.
  slow = await startTestServer({ seed: 5, latencyMs: CLIENT_TIMEOUT_MS + 500 });
});
afterAll(async () => {
  await fast.close();
  await slow.close();
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(
  llm: TestServer,
  root: string,
  options: {
    replyWithinMs?: number;
    confirmAboveUsd?: number;
    elicit?: (message: string) => ElicitResult;
  } = {},
) {
  const { client, close } = await connect(
    {
      root,
      env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: llm.anthropicBaseURL },
      ...(options.replyWithinMs !== undefined && { replyWithinMs: options.replyWithinMs }),
      ...(options.confirmAboveUsd !== undefined && { confirmAboveUsd: options.confirmAboveUsd }),
    },
    options.elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  const elicit = options.elicit;
  if (elicit)
    client.setRequestHandler(ElicitRequestSchema, async (request) => elicit(request.params.message));
  closers.push(close);
  return client;
}

function samplesOf(file: string): { id: string }[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: { id: string }[] }).samples;
}

describe('synthesize_data jobs', () => {
  it('completes a run longer than the client request timeout through polling', async () => {
    const root = fs.realpathSync(makeRoot());
    const client = await serve(slow, root, { replyWithinMs: 0 });
    // Loads the prompt and tokenizer once, without a timeout: a cold start on a busy machine is not
    // what this test is about.
    await call(client, 'estimate_synthesis_cost', { analysis_dir: 'belle', count: 4 });
    const started = await client.callTool({
      name: 'synthesize_data',
      arguments: { analysis_dir: 'belle', count: 4, batch_size: 2, concurrency: 1 },
    });
    expect(started.isError, textOf(started as never)).toBeFalsy();
    const handle = 'belle/11_合成数据/synthetic.json';
    expect(started.structuredContent).toMatchObject({
      state: 'running',
      target_count: 4,
      estimate: { count: 4 },
      next_step: { tool: 'synthesis_status', arguments: { output_path: handle } },
    });
    // No elicitation: the estimate comes first, then what to call next.
    expect(textOf(started as never)).toMatch(
      /^Estimated \$\d+\.\d{4} for 4 records with claude-sonnet-5-5, about \d+ (s|min)\. Started a job .* synthesis_status \{ "output_path": "belle\/11_合成数据\/synthetic\.json" \}/,
    );

    const updates: Progress[] = [];
    let polls = 0;
    let status: JobStatusReply;
    do {
      const reply = await client.callTool(
        { name: 'synthesis_status', arguments: { output_path: handle, wait_seconds: 1 } },
        undefined,
        { onprogress: (progress) => updates.push(progress) },
      );
      polls++;
      expect(reply.isError, textOf(reply as never)).toBeFalsy();
      status = reply.structuredContent as unknown as JobStatusReply;
      expect(['starting', 'running', 'done']).toContain(status.state);
    } while (status.state !== 'done');

    expect(polls).toBeGreaterThan(1);
    expect(status).toMatchObject({
      state: 'done',
      accepted: 4,
      target: 4,
      resumable: false,
      stopped_because: 'done',
    });
    expect(status.next_step).toEqual({ tool: 'synthesis_stats', arguments: { data_path: handle } });
    expect(status.result).toMatchObject({ stopped_because: 'done', generated_count: 4, new_count: 4 });
    // The run took longer than any single call was allowed to.
    expect(status.result?.duration_ms as number).toBeGreaterThan(CLIENT_TIMEOUT_MS);
    expect(samplesOf(path.join(root, handle))).toHaveLength(4);
    expect(updates.length).toBeGreaterThan(0);
    expect(JSON.stringify({ started, status, updates })).not.toContain(SENTINEL_KEY);
  });

  it('answers at once when the estimate exceeds the reply bound; cancel stops the job, resumably', async () => {
    const root = fs.realpathSync(makeRoot());
    // One request per minute: the first call is answered, the next waits for the window (held, not failed).
    await using limited = await startTestServer({ seed: 9, rpm: 1 });
    const client = await serve(limited, root, { replyWithinMs: 60_000 });
    const args = {
      analysis_dir: 'belle',
      output_path: 'job/out.json',
      count: 20,
      batch_size: 2,
      concurrency: 1,
    };
    const estimate = await call(client, 'estimate_synthesis_cost', {
      analysis_dir: 'belle',
      count: 20,
      batch_size: 2,
      concurrency: 1,
    });
    const expectedSeconds = (estimate.structuredContent as { estimated_seconds: number }).estimated_seconds;
    expect(expectedSeconds).toBeGreaterThan(60);

    const started = await call(client, 'synthesize_data', args);
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(started.structuredContent).toMatchObject({
      state: 'running',
      estimate: { count: 20, seconds: expectedSeconds },
    });

    const { status: running } = await pollStatus(client, 'job/out.json', (status) => status.accepted >= 1);
    expect(running).toMatchObject({ state: 'running', target: 20, resumable: false });

    // Held by the rate limit, nothing changes; a waiting status call still hears from the server
    // every few seconds, always with increasing progress (the heartbeat's tick comes before the
    // wait's end, as timers fire in order).
    const heartbeats: Progress[] = [];
    const waited = await client.callTool(
      { name: 'synthesis_status', arguments: { output_path: 'job/out.json', wait_seconds: 4 } },
      undefined,
      { onprogress: (progress) => heartbeats.push(progress) },
    );
    expect(waited.structuredContent).toMatchObject({ state: 'running', accepted: running.accepted });
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(
      heartbeats.every((beat) => Math.floor(beat.progress) === running.accepted && beat.total === 20),
    ).toBe(true);
    for (let index = 1; index < heartbeats.length; index++) {
      expect(heartbeats[index]?.progress).toBeGreaterThan(heartbeats[index - 1]?.progress as number);
    }

    // One writer per output: a second job on it is refused while this one runs.
    const second = await call(client, 'synthesize_data', { ...args, resume: true });
    expect(second.isError).toBe(true);
    expect(textOf(second)).toBe(
      `A synthesis job is writing ${path.join(root, 'job/out.json')} right now: follow it with synthesis_status, or stop it with cancel_synthesis and then call synthesize_data with resume: true.`,
    );

    const cancelled = await call(client, 'cancel_synthesis', { output_path: 'job/out.json' });
    expect(cancelled.isError, textOf(cancelled)).toBeFalsy();
    expect(['stopping', 'stopped']).toContain((cancelled.structuredContent as { state: string }).state);
    const { status: stopped } = await pollStatus(client, 'job/out.json');
    expect(stopped).toMatchObject({ state: 'stopped', stopped_because: 'cancelled', resumable: true });
    expect(stopped.next_step).toEqual({
      tool: 'synthesize_data',
      arguments: { ...args, resume: true },
    });
    const saved = stopped.accepted;
    expect(saved).toBeGreaterThanOrEqual(1);
    expect(saved).toBeLessThan(20);

    // Later (another server on the same folder, a provider without the limit): the files tell the
    // same story, and the call it names continues the run to the exact count.
    const later = await serve(fast, root);
    const onDisk = await call(later, 'synthesis_status', { output_path: 'job/out.json' });
    expect(onDisk.structuredContent).toMatchObject({
      state: 'stopped',
      writer: 'none',
      stopped_because: 'cancelled',
      accepted: saved,
      resumable: true,
      next_step: {
        tool: 'synthesize_data',
        arguments: { output_path: 'job/out.json', count: 20, resume: true },
      },
    });
    const resumed = await call(later, 'synthesize_data', stopped.next_step?.arguments ?? {});
    expect(resumed.isError, textOf(resumed)).toBeFalsy();
    expect(resumed.structuredContent).toMatchObject({
      state: 'done',
      generated_count: 20,
      new_count: 20 - saved,
    });
    const samples = samplesOf(path.join(root, 'job/out.json'));
    expect(new Set(samples.map((sample) => sample.id)).size).toBe(20);
  });

  it('asks a client that can elicit to confirm an estimate above the threshold, and spends nothing on a no', async () => {
    const root = fs.realpathSync(makeRoot());
    const asked: string[] = [];
    let answer: ElicitResult = { action: 'decline' };
    const client = await serve(fast, root, {
      confirmAboveUsd: 0.001,
      elicit: (message) => {
        asked.push(message);
        if (answer === undefined) throw new Error('this host has no dialog');
        return answer;
      },
    });
    const before = snapshot(root);
    const requestsBefore = fast.stats().totalRequests;
    const declined = await call(client, 'synthesize_data', { analysis_dir: 'belle', count: 4 });
    expect(declined.isError).toBeFalsy();
    expect(declined.structuredContent).toMatchObject({ state: 'not_started', estimate: { count: 4 } });
    expect(textOf(declined)).toMatch(
      /^Not started: the user declined\. Estimated \$\d+\.\d{4} for 4 records/,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(
      /^Estimated \$\d+\.\d{4} for 4 records with claude-sonnet-5-5, about \d+ s\. Start generating into .*synthetic\.json\?/,
    );
    expect(snapshot(root)).toEqual(before);
    expect(fast.stats().totalRequests).toBe(requestsBefore);

    answer = { action: 'accept', content: { start: true } };
    const confirmed = await call(client, 'synthesize_data', { analysis_dir: 'belle', count: 4 });
    expect(confirmed.structuredContent).toMatchObject({ state: 'done', generated_count: 4 });
    expect(asked).toHaveLength(2);

    // A client that declares elicitation but cannot ask: no run, one line that offers the cap instead.
    const requestsBeforeFailure = fast.stats().totalRequests;
    answer = undefined as unknown as ElicitResult;
    const unasked = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      output_path: 'other.json',
      count: 4,
    });
    expect(unasked.isError).toBe(true);
    expect(textOf(unasked)).toMatch(
      /^Could not ask the user to confirm: Estimated \$\d+\.\d{4} for 4 records .*Nothing was spent or written; call again with max_cost to cap the run instead\.$/,
    );
    expect(fs.existsSync(journalPaths(path.join(root, 'other.json')).state)).toBe(false);
    expect(fast.stats().totalRequests).toBe(requestsBeforeFailure);

    // A cap is consent to spend up to it: no question.
    const capped = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      count: 6,
      max_cost: 5,
      resume: true,
    });
    expect(capped.structuredContent).toMatchObject({ state: 'done', generated_count: 6, new_count: 2 });
    expect(asked).toHaveLength(3);
  });

  it('says in one line when no run has written an output, and refuses unknown arguments', async () => {
    const root = fs.realpathSync(makeRoot());
    const client = await serve(fast, root);
    const missing = await call(client, 'synthesis_status', { output_path: 'nothing.json' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toBe(
      `No synthesis run has written ${path.join(root, 'nothing.json')} (there is no ${journalPaths(path.join(root, 'nothing.json')).state}): start one with synthesize_data.`,
    );
    const unknown = await call(client, 'cancel_synthesis', { output_path: 'nothing.json', force: true });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('Unknown argument force. Accepted: output_path.');
    const outside = await call(client, 'synthesis_status', { output_path: '../elsewhere.json' });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/refused/);
  });
});
