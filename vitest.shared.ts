import { defineConfig } from 'vitest/config';

/**
 * Test settings every package shares. Suites run real HTTP servers, child processes and a browser,
 * and turbo runs every package's suite at once on a 2-core machine: 5 s is too tight for that.
 * Nothing asserts on speed (benchmarks do, in `pnpm bench`).
 */
export function sharedVitestConfig(timeouts: { testTimeout?: number; hookTimeout?: number } = {}) {
  return defineConfig({
    test: {
      testTimeout: timeouts.testTimeout ?? 30_000,
      hookTimeout: timeouts.hookTimeout ?? 30_000,
    },
  });
}
