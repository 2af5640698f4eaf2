import { sharedVitestConfig } from '../../vitest.shared.js';

// One npm install of every tarball (from the registry, cold on a fresh CI machine) dominates.
export default sharedVitestConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
