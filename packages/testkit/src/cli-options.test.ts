import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-options.js';

describe('parseCliArguments', () => {
  it('maps flags to server options, ignoring the -- that pnpm start passes through', () => {
    expect(
      parseCliArguments([
        '--',
        '--port',
        '8787',
        '--rpm',
        '600',
        '--latency',
        '200',
        '--jitter',
        '50',
        '--seed',
        '9',
        '--tpm',
        '100000',
        '--host',
        '0.0.0.0',
        '--batch-processing',
        '10',
        '--fault-rate-limit',
        '0.1',
        '--fault-hang',
        '0.01',
        '--plant-near-duplicate',
        '0.05',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 8787,
        host: '0.0.0.0',
        seed: 9,
        rpm: 600,
        tpm: 100000,
        latencyMs: 200,
        jitterMs: 50,
        batch: { processingMs: 10 },
        faults: { rateLimit: 0.1, hang: 0.01 },
        plant: { nearDuplicate: 0.05 },
      },
    });
  });

  it('accepts the camelCase kind names too', () => {
    expect(parseCliArguments(['--fault-rateLimit', '0.2', '--plant-exactDuplicate', '0.1'])).toEqual({
      kind: 'run',
      options: { faults: { rateLimit: 0.2 }, plant: { exactDuplicate: 0.1 } },
    });
  });

  it('--burst turns --rpm/--tpm into token buckets; --no-limit-headers hides their headers', () => {
    expect(parseCliArguments(['--rpm', '300', '--burst', '6'])).toEqual({
      kind: 'run',
      options: { tokenBucket: { burstSeconds: 6, requestsPerMinute: 300 } },
    });
    expect(
      parseCliArguments(['--rpm', '300', '--tpm', '9000', '--burst', '6', '--no-limit-headers']),
    ).toEqual({
      kind: 'run',
      options: {
        tokenBucket: { burstSeconds: 6, requestsPerMinute: 300, tokensPerMinute: 9000, limitHeaders: false },
      },
    });
    expect(parseCliArguments(['--burst', '6'])).toEqual({
      kind: 'error',
      message: '--burst needs --rpm or --tpm (the rates it holds)',
    });
    expect(parseCliArguments(['--rpm', '300', '--no-limit-headers'])).toEqual({
      kind: 'error',
      message: '--no-limit-headers needs --burst',
    });
  });

  it('reports unknown flags and out-of-range values, and recognises --help', () => {
    expect(parseCliArguments(['--nope'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['--fault-server', '1.5'])).toEqual({
      kind: 'error',
      message: "--fault-server expects a probability between 0 and 1, got '1.5'",
    });
    expect(parseCliArguments(['--rpm', 'fast'])).toMatchObject({ kind: 'error' });
    expect(parseCliArguments(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArguments([])).toEqual({ kind: 'run', options: {} });
  });
});
