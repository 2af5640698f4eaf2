import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Spawned servers and the MCP Inspector start slowly on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
