import { lookupPrice } from './lookup-price.js';
import { bareModelId } from './model-id.js';
import { countO200kTokens } from './o200k-encoding.js';

/**
 * Claude tokens per o200k token for English and other Latin-script text, on the tokenizer used
 * by Claude 3 through Opus 4.6 / Sonnet 4.6 / Haiku 4.5. Claude's vocabulary splits the same
 * text into more pieces; ~1.15 matches published side-by-side counts within a few percent
 * (recorded counts of the repository's English seed tasks: 1.11× o200k).
 */
export const CLAUDE_LATIN_TOKEN_FACTOR = 1.15;

/**
 * Claude tokens per o200k token for CJK text (Han, kana, Hangul, CJK punctuation). o200k has a
 * large CJK vocabulary (often under one token per character) while Claude's is smaller, so the
 * gap is wider than for English. No published figure exists; recorded counts of the repository's
 * Chinese seed samples come to 1.41× o200k on the older tokenizer and 1.43× on the newer one, so
 * 1.5 errs high on both. Use the provider's token-counting endpoint when you need exact numbers.
 */
export const CLAUDE_CJK_TOKEN_FACTOR = 1.5;

/**
 * Extra factor for Latin-script text on the tokenizer introduced with Claude Opus 4.7 and used by
 * every later model (the 5.x families included). Anthropic documents 1.0–1.35× more tokens for the
 * same text depending on content (Opus 4.7 release notes; 1M tokens ≈ 555k words instead of
 * 750k); the upper end is used. It is not applied to CJK text, which the new vocabulary splits
 * almost as the old one did: on the repository's seed files, counts recorded with ctok 1.3.0 (a
 * reconstruction that matches `count_tokens` exactly on its held-out sets) rose 1.34× for English
 * and 1.02× for Chinese (`src/__fixtures__/claude-token-counts.json`).
 */
export const CLAUDE_2026_TOKENIZER_FACTOR = 1.35;

const CJK_CHARACTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const WHITESPACE = /\s/u;

/**
 * Estimates the tokens `text` costs, offline. Every model is counted with OpenAI's o200k_base
 * encoding (exact for GPT-4o and later OpenAI models; a close stand-in for DeepSeek and Qwen).
 * For Claude models the count is scaled by {@link CLAUDE_LATIN_TOKEN_FACTOR} and
 * {@link CLAUDE_CJK_TOKEN_FACTOR}, weighted by the share of CJK characters in the text, with
 * {@link CLAUDE_2026_TOKENIZER_FACTOR} on the Latin share for models on the newer tokenizer (unknown `claude-*`
 * ids are assumed to be on it). Text that looks like special tokens (`<|endoftext|>`) is
 * counted as plain text. The vocabulary (~15 MB) is loaded on first use and dropped again after
 * five seconds without a count.
 */
export function countTokens(text: string, options?: { model?: string }): number {
  if (text.length === 0) return 0;
  const o200k = countO200kTokens(text);
  const factor = options?.model === undefined ? 1 : claudeFactor(options.model, text);
  return Math.ceil(o200k * factor);
}

function claudeFactor(model: string, text: string): number {
  const found = lookupPrice(model);
  const isClaude = found?.provider === 'anthropic' || bareModelId(model).startsWith('claude');
  if (!isClaude) return 1;
  const cjkShare = cjkCharacterShare(text);
  const tokenizer = found?.entry?.tokenizer ?? 'claude-2026';
  const latin =
    tokenizer === 'claude-2026'
      ? CLAUDE_LATIN_TOKEN_FACTOR * CLAUDE_2026_TOKENIZER_FACTOR
      : CLAUDE_LATIN_TOKEN_FACTOR;
  return latin * (1 - cjkShare) + CLAUDE_CJK_TOKEN_FACTOR * cjkShare;
}

/** Characters looked at to estimate the CJK share: a share needs a sample, not every character of a long text. */
const CJK_SAMPLE_SIZE = 100_000;

function cjkCharacterShare(text: string): number {
  let counted = 0;
  let cjk = 0;
  // Evenly spaced over the whole text, so a long text costs no more than a short one.
  const step = Math.max(1, Math.floor(text.length / CJK_SAMPLE_SIZE));
  for (let index = 0; index < text.length; index += step) {
    const code = text.codePointAt(index) ?? 0;
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a pair
    const character = String.fromCodePoint(code);
    if (WHITESPACE.test(character)) continue;
    counted += 1;
    if (CJK_CHARACTER.test(character)) cjk += 1;
  }
  return counted === 0 ? 0 : cjk / counted;
}
