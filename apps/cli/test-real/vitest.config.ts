import { defineConfig } from 'vitest/config';

/**
 * The real-model lane (`pnpm test:real`, never part of `pnpm test`): one file at a time, one test
 * at a time, since the server has one slot and a tiny model on a CPU takes minutes per run. The
 * timeouts bound every wait so a stuck server fails the lane instead of hanging CI.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.real-test.ts'],
    fileParallelism: false,
    testTimeout: 13 * 60_000,
    hookTimeout: 60_000,
    // Figures are printed with console.log; show them as they come.
    silent: false,
  },
});
