export { canonicalJson } from './canonical-json.js';
export type { DedupOptions, DedupSource, DedupVerdict } from './dedup-index.js';
export { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex } from './dedup-index.js';
export { recordText } from './record-text.js';
