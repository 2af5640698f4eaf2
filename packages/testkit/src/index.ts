export { forbiddenApiKey, invalidApiKey } from './api-key-check.js';
export { deadPort } from './dead-port.js';
export type { TokenBucketOptions } from './rate-limit-bucket.js';
export { recordsSchema } from './records-schema.js';
export { type Review, reviewSeeds, reviewsSchema } from './reviews-dataset.js';
export { type SchemaViolationOptions, schemaViolations } from './schema-violations.js';
export { startTestServer } from './test-server.js';
export type {
  FaultKind,
  StructuredRequestStats,
  TestServer,
  TestServerBatchOptions,
  TestServerFaults,
  TestServerOptions,
  TestServerPlant,
  TestServerStats,
  TestServerTokenStats,
} from './test-server-types.js';
export { countTokens } from './token-count.js';
