import { PassThrough } from 'node:stream';
import type { SynthesisProgress } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { CHINESE, ENGLISH } from '../i18n/messages.js';
import type { CliIo } from '../io/cli-io.js';
import { Output } from './output.js';
import { ProgressReporter } from './progress-reporter.js';

function capture(tty: boolean) {
  const written = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: {
      write: (text) => {
        written.stdout += text;
      },
    },
    stderr: {
      write: (text) => {
        written.stderr += text;
      },
    },
    stderrIsTTY: tty,
    stderrColumns: tty ? 200 : undefined,
    env: {},
    stdin: new PassThrough(),
  };
  return { io, written };
}

function progress(accepted: number): SynthesisProgress {
  return {
    accepted,
    target: 10,
    rejected: 1,
    duplicates: { exact: 1, near: 1 },
    failedRequests: 0,
    requests: accepted,
    inFlight: 0,
    retries: 0,
    usage: { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0 },
    cost: 0.0123,
    projectedCost: 0.05,
    elapsedMs: 1000,
    etaMs: 4000,
  };
}

describe('progress display', () => {
  it('shows no ETA once the run is stopping (Ctrl-C), only what was done', () => {
    const { io, written } = capture(false);
    let now = 0;
    const reporter = new ProgressReporter(
      new Output(io, { quiet: false, json: false, verbose: false }),
      ENGLISH,
      {
        now: () => now,
      },
    );
    reporter.handle({ type: 'progress', progress: progress(3) });
    expect(written.stderr).toContain('ETA 4.0 s');
    reporter.stopping(ENGLISH.progress.cancelling);
    now = 5000;
    reporter.handle({ type: 'progress', progress: progress(4) });
    reporter.finish();
    const afterStop = written.stderr.slice(written.stderr.indexOf(ENGLISH.progress.cancelling));
    expect(afterStop).toContain('4/10');
    expect(afterStop).not.toContain('ETA');
  });

  it('shows the calls in flight and the retries so far, when there are any', () => {
    const { io, written } = capture(false);
    const reporter = new ProgressReporter(
      new Output(io, { quiet: false, json: false, verbose: false }),
      ENGLISH,
      { now: () => 0 },
    );
    reporter.handle({ type: 'progress', progress: { ...progress(2), inFlight: 3, retries: 2 } });
    reporter.finish();
    expect(written.stderr).toMatch(
      /^2\/10 · 1 rejected · 2 duplicates · 3 in flight · 2 retries · 1.50k tokens/,
    );
  });

  it('shows the limits calls are paced at and where each came from (flag or server headers), in both languages', () => {
    const pacing = {
      requests: { perMinute: 60, source: 'setting' as const },
      tokens: { perMinute: 40_000, source: 'headers' as const },
    };
    for (const [messages, expected] of [
      [ENGLISH, 'paced at 60 rpm (--rpm), 40.0k tpm (server headers)'],
      [CHINESE, '限速 60 rpm（--rpm），40.0k tpm（服务器响应头）'],
    ] as const) {
      const { io, written } = capture(false);
      const reporter = new ProgressReporter(
        new Output(io, { quiet: false, json: false, verbose: false }),
        messages,
        { now: () => 0 },
      );
      reporter.handle({ type: 'progress', progress: { ...progress(2), pacing } });
      reporter.handle({ type: 'progress', progress: progress(3) });
      reporter.finish();
      const [paced, unpaced] = written.stderr.trim().split('\n');
      expect(paced).toContain(expected);
      expect(unpaced).not.toContain(messages === ENGLISH ? 'paced' : '限速');
    }
  });

  it('prints plain lines at most every 2 s when stderr is not a terminal, and one at the end', () => {
    const { io, written } = capture(false);
    let now = 0;
    const reporter = new ProgressReporter(
      new Output(io, { quiet: false, json: false, verbose: false }),
      ENGLISH,
      {
        now: () => now,
      },
    );
    reporter.handle({ type: 'progress', progress: progress(1) });
    now = 500;
    reporter.handle({ type: 'progress', progress: progress(2) });
    now = 2100;
    reporter.handle({ type: 'progress', progress: progress(3) });
    now = 2200;
    reporter.handle({ type: 'progress', progress: progress(4) });
    reporter.finish();
    const lines = written.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^1\/10 · 1 rejected · 2 duplicates · 1.50k tokens · \$0.0123 \(projected \$0.0500\) · ETA 4.0 s$/,
    );
    expect(lines[1]).toMatch(/^3\/10/);
    expect(lines[2]).toMatch(/^4\/10/);
    expect(written.stderr).not.toContain('\r');
    expect(written.stdout).toBe('');
  });

  it('redraws one live line on a terminal and keeps warnings on their own lines', () => {
    const { io, written } = capture(true);
    let now = 0;
    const reporter = new ProgressReporter(
      new Output(io, { quiet: false, json: false, verbose: false }),
      CHINESE,
      {
        now: () => now,
      },
    );
    reporter.handle({ type: 'progress', progress: progress(1) });
    now = 200;
    reporter.handle({ type: 'warning', message: 'slow down' });
    now = 400;
    reporter.handle({ type: 'progress', progress: progress(2) });
    reporter.finish();
    expect(written.stderr).toContain('\r\x1b[2K1/10 · 拒绝 1');
    expect(written.stderr).toContain('警告：slow down\n');
    expect(
      written.stderr.endsWith(
        '2/10 · 拒绝 1 · 重复 2 · 1.50k token · $0.0123（预计 $0.0500） · 剩余 4.0 s\n',
      ),
    ).toBe(true);
  });

  it('is silent with --quiet', () => {
    const { io, written } = capture(true);
    const reporter = new ProgressReporter(
      new Output(io, { quiet: true, json: false, verbose: false }),
      ENGLISH,
    );
    reporter.handle({ type: 'warning', message: 'x' });
    reporter.handle({ type: 'progress', progress: progress(1) });
    reporter.finish();
    expect(written.stderr).toBe('');
  });
});
