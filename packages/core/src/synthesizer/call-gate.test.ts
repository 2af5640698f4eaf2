import { Budget } from '@datasynth/cost';
import { ProviderError, resolveModel } from '@datasynth/providers';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Governor } from '../governor/governor.js';
import { CallGate } from './call-gate.js';
import { RunTally } from './run-tally.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const MODEL = 'claude-sonnet-4-6';
const request = {
  system: [{ text: 'Write records.' }],
  messages: [{ role: 'user' as const, content: 'Write 2 records with fields q and a, as JSON.' }],
  maxTokens: 1000,
};

async function setup(options: { maxCost?: number; faults?: Record<string, number> } = {}) {
  const llm = await startTestServer({ seed: 3, ...(options.faults && { faults: options.faults }) });
  servers.push(llm);
  const model = resolveModel(MODEL, { baseURL: llm.anthropicBaseURL, apiKey: 'sk-ant-test-key' });
  const tally = new RunTally({
    schemaFingerprint: 'f',
    model: MODEL,
    provider: 'anthropic',
    targetCount: 10,
  });
  tally.restore(undefined, 0);
  const governor = new Governor({ concurrency: 2, maxRetries: 1, retryBaseMs: 1, random: () => 0.5 });
  const budget = options.maxCost === undefined ? undefined : new Budget(options.maxCost);
  const warnings: string[] = [];
  const gate = new CallGate({
    tally,
    governor,
    budget,
    maxCost: options.maxCost,
    maxRetries: 1,
    endpoint: llm.anthropicBaseURL,
    requestTimeoutMs: 120_000,
    warn: (message) => warnings.push(message),
  });
  const send = () =>
    gate.send({ model, governor, request: () => request, inputTokens: 50, passOnWarnings: true });
  return { llm, model, tally, governor, budget, gate, warnings, send };
}

describe('CallGate — may this call be sent, and what did it cost', () => {
  it('sends a call, meters its usage and settles its reservation at the real cost', async () => {
    const { llm, tally, budget, send } = await setup({ maxCost: 5 });
    const result = await send();
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(tally.requests).toBe(1);
    expect(llm.stats().totalRequests).toBe(1);
    const cost = tally.sessionCost() ?? Number.NaN;
    expect(cost).toBeGreaterThan(0);
    expect(budget?.spent).toBeCloseTo(cost, 6);
    expect(budget?.reserved).toBe(0);
  });

  it('refuses every call once the run stops, without sending it; the first stop decision stays', async () => {
    const { llm, gate, send } = await setup();
    gate.requestStop({ reason: 'cancelled', message: 'Cancelled.' });
    gate.requestStop({ reason: 'budget' });
    expect(gate.stop).toEqual({ reason: 'cancelled', message: 'Cancelled.' });
    expect(gate.stopSignal.aborted).toBe(true);
    await expect(send()).rejects.toMatchObject({ kind: 'aborted' });
    expect(llm.stats().totalRequests).toBe(0);
  });

  it('still sends auxiliary calls (judging records already paid for) while the run stops', async () => {
    const { llm, gate, model } = await setup();
    gate.requestStop({ reason: 'cancelled' });
    const judgeGovernor = new Governor({ concurrency: 1, maxRetries: 0, retryBaseMs: 1, random: () => 0.5 });
    await gate.sendAuxiliary(model, judgeGovernor, { ...request, temperature: 0.3 }, 50);
    expect(llm.stats().totalRequests).toBe(1);
  });

  it('refuses a call whose worst case passes the cap, and stops the run with the amounts', async () => {
    const { llm, gate, send } = await setup({ maxCost: 0.001 });
    const failure = await send().catch((cause: unknown) => cause);
    gate.fail(failure);
    expect(gate.stop?.reason).toBe('budget');
    expect(gate.stop?.message).toMatch(
      /^The \$0\.0010 maxCost cap is below the worst-case cost of a single call \(\$0\.\d{4}\): raise the cap or lower the batch size\.$/,
    );
    expect(llm.stats().totalRequests).toBe(0);
  });

  it('turns quota and auth failures into stops, and other failures into a counted, warned failed call', async () => {
    const { gate, tally, warnings } = await setup();
    gate.fail(new ProviderError({ kind: 'aborted', message: 'stopping' }));
    expect(gate.stop).toBeUndefined();
    gate.fail(new ProviderError({ kind: 'server', message: 'Internal error.', retryable: true }));
    expect(tally.failedRequests).toBe(1);
    expect(warnings).toEqual(['A call failed after 1 retries: Internal error.']);
    expect(gate.stop).toBeUndefined();
    gate.fail(new ProviderError({ kind: 'quota', message: 'Credit balance too low.' }));
    expect(gate.stop).toEqual({
      reason: 'quota',
      message: 'Credit balance too low. The run is saved: resume later.',
    });
  });

  it('stops at once with the provider reason on an invalid key', async () => {
    const { gate } = await setup();
    gate.fail(new ProviderError({ kind: 'auth', message: 'Invalid API key.' }));
    expect(gate.stop).toEqual({ reason: 'error', message: 'Invalid API key.' });
  });

  it('reserves batch requests at the batch price, stops when the cap refuses one, and counts results without a reservation', async () => {
    const { gate, budget, tally } = await setup({ maxCost: 0.05 });
    const held = gate.reserveBatchRequest(MODEL, request, 50);
    expect(held).toBeTruthy();
    const worstOnline = (budget?.reserved ?? 0) * 2;
    expect(worstOnline).toBeGreaterThan(0);
    const usage = { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0 };
    gate.settleBatchResult(MODEL, held ?? undefined, usage);
    // Re-attached after a restart: no reservation, its spending still counts against the cap.
    gate.settleBatchResult(MODEL, undefined, usage);
    expect(budget?.spent).toBeCloseTo(tally.sessionCost() ?? Number.NaN, 6);
    expect(budget?.reserved).toBe(0);

    const refused = gate.reserveBatchRequest(MODEL, { ...request, maxTokens: 64_000 }, 50);
    expect(refused).toBeNull();
    // Nothing accepted yet: nothing to project a finishing cap from.
    expect(gate.stop?.message).toMatch(
      /^Stopped at the \$0\.0500 maxCost cap with 0 of 10 records \(\$0\.\d{4} spent\)\. Resume with a higher maxCost to continue\.$/,
    );
    expect(gate.stop?.suggestedMaxCost).toBeUndefined();
  });

  it('lets a call wait for the calls in flight to settle when their worst cases fill the cap, instead of stopping', async () => {
    // One call's worst case (50 input tokens, 1000 output tokens: ~$0.0152) fits a $0.02 cap, two do not;
    // what a call really costs is far below its worst case, so the second call fits once the first settles.
    const { llm, gate, budget, send } = await setup({ maxCost: 0.02 });
    const results = await Promise.all([send(), send()]);
    expect(results).toHaveLength(2);
    expect(gate.stop).toBeUndefined();
    expect(llm.stats().totalRequests).toBe(2);
    expect(budget?.reserved).toBe(0);
    expect(budget?.spent).toBeLessThanOrEqual(0.02);
  });

  it('drops an attempt that finds the cap held only by calls not yet sent, instead of waiting for ever', async () => {
    // A planned call queued for a slot holds the room; an attempt that holds the slot (a retry, or a
    // judge call) would wait for a settlement that never comes: it gives up and the run goes on.
    const { llm, gate, model, governor, budget } = await setup({ maxCost: 0.02 });
    const planned = gate.hold(MODEL, request, 50);
    expect(planned).toBeTruthy();
    const failure = await gate
      .send({ model, governor, request: () => request, inputTokens: 50 })
      .catch((cause: unknown) => cause);
    gate.fail(failure);
    expect(gate.stop).toBeUndefined();
    expect(llm.stats().totalRequests).toBe(0);
    gate.release(planned ?? undefined);
    expect(budget?.reserved).toBe(0);
  });

  it('fits the records of the next call to what the cap has left, and holds a planned call before it is sent', async () => {
    const { gate, budget, send } = await setup({ maxCost: 0.02 });
    const maxTokensFor = (records: number) => 200 + 100 * records;
    // $0.0152 of room left for a call after a real one settles: the most records whose worst case fits, out of 20 asked for.
    await send();
    const room = budget?.remaining ?? 0;
    const fitted = gate.affordableCount(MODEL, 20, 50, maxTokensFor);
    const worst = (records: number) => (50 * 3.75 + maxTokensFor(records) * 15) / 1e6;
    expect(worst(fitted)).toBeLessThanOrEqual(room);
    expect(worst(fitted + 1)).toBeGreaterThan(room);
    const held = gate.hold(MODEL, { ...request, maxTokens: maxTokensFor(fitted) }, 50);
    expect(held).toBeTruthy();
    expect(gate.hold(MODEL, request, 50)).toBeNull();
    gate.release(held ?? undefined);
    expect(budget?.reserved).toBe(0);
  });
});
