import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests spawn the built binary; give them room on a busy 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
