import { lookupPrice } from './lookup-price.js';
import { countO200kTokens } from './o200k-encoding.js';

/**
 * Claude tokens per o200k token for English and other Latin-script text, on the tokenizer used
 * by Claude 3 through Opus 4.6 / Sonnet 4.6 / Haiku 4.5. Claude's vocabulary splits the same
 * text into more pieces; ~1.15 matches published side-by-side counts within a few percent.
 */
export const CLAUDE_LATIN_TOKEN_FACTOR = 1.15;

/**
 * Claude tokens per o200k token for CJK text (Han, kana, Hangul, CJK punctuation). o200k has a
 * large CJK vocabulary (often under one token per character) while Claude's is smaller, so the
 * gap is wider than for English. No published figure exists; 1.5 is a deliberately pessimistic
 * estimate so that budgets err high. Use the provider's token-counting endpoint when you need
 * exact numbers.
 */
export const CLAUDE_CJK_TOKEN_FACTOR = 1.5;

/**
 * Extra factor for the tokenizer introduced with Claude Opus 4.7 and used by every later model
 * (the 5.x families included). Anthropic documents 1.0–1.35× more tokens for the same text
 * (1M tokens ≈ 555k words instead of 750k); the upper end is used.
 */
export const CLAUDE_2026_TOKENIZER_FACTOR = 1.35;

const CJK_CHARACTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const WHITESPACE = /\s/u;

/**
 * Estimates the tokens `text` costs, offline. Every model is counted with OpenAI's o200k_base
 * encoding (exact for GPT-4o and later OpenAI models; a close stand-in for DeepSeek and Qwen).
 * For Claude models the count is scaled by {@link CLAUDE_LATIN_TOKEN_FACTOR} and
 * {@link CLAUDE_CJK_TOKEN_FACTOR}, weighted by the share of CJK characters in the text, and by
 * {@link CLAUDE_2026_TOKENIZER_FACTOR} for models on the newer tokenizer (unknown `claude-*`
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
  const isClaude =
    found?.provider === 'anthropic' ||
    model
      .trim()
      .toLowerCase()
      .replace(/^anthropic[:/]/, '')
      .startsWith('claude');
  if (!isClaude) return 1;
  const cjkShare = cjkCharacterShare(text);
  const base = CLAUDE_LATIN_TOKEN_FACTOR * (1 - cjkShare) + CLAUDE_CJK_TOKEN_FACTOR * cjkShare;
  const tokenizer = found?.entry?.tokenizer ?? 'claude-2026';
  return tokenizer === 'claude-2026' ? base * CLAUDE_2026_TOKENIZER_FACTOR : base;
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
