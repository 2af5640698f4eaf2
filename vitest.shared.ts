import { defineConfig } from 'vitest/config';

/**
 * Test settings every package shares. Suites run real HTTP servers, child processes and a browser
 * on a 2-core machine that may be busy with other work (a contributor's laptop, CI beside other
 * jobs): a CLI test that spawns three processes can take a minute there. Nothing asserts on speed
 * (benchmarks do, in `pnpm bench`), so the timeouts only catch hangs and are sized for a slow
 * machine; `pnpm test` runs at most two packages' tasks at once (root package.json), and each suite
 * uses at most two workers.
 */
export function sharedVitestConfig(timeouts: { testTimeout?: number; hookTimeout?: number } = {}) {
  return defineConfig({
    test: {
      testTimeout: timeouts.testTimeout ?? 120_000,
      hookTimeout: timeouts.hookTimeout ?? 120_000,
      maxWorkers: 2,
    },
  });
}
