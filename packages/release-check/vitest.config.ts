import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One npm install of every tarball (from the registry, cold on a fresh CI machine) dominates.
    hookTimeout: 300_000,
    testTimeout: 120_000,
  },
});
