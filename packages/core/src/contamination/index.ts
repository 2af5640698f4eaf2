export {
  ContaminationGuard,
  type ContaminationGuardOptions,
  type GuardedItem,
  type GuardVerdict,
} from './contamination-guard.js';
export { loadHoldout } from './load-holdout.js';
export { CJK_NGRAM_LENGTH, WORD_NGRAM_LENGTH } from './long-ngrams.js';
