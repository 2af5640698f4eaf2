import { sharedVitestConfig } from '../../vitest.shared.js';

// End-to-end tests spawn the built binary many times.
export default sharedVitestConfig({ testTimeout: 180_000 });
