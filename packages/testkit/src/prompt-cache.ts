import { createHash } from 'node:crypto';
import { countTokens } from './token-count.js';

/** One piece of an Anthropic prompt, in cache order (tools, system blocks, message blocks). */
export interface AnthropicPromptPiece {
  text: string;
  cacheMarked: boolean;
}

/** Anthropic input usage split by the prompt cache. */
export interface AnthropicCacheUsage {
  inputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** Minimum cacheable prefix, in tokens (as the real APIs). */
export const minimumCacheableTokens = 1024;

/**
 * Emulates prompt caching: Anthropic's explicit `cache_control` breakpoints and OpenAI's
 * automatic prefix caching. Entries never expire while the server runs.
 */
export class PromptCache {
  readonly #anthropic = new Set<string>();
  readonly #openai = new Map<string, number>();

  /**
   * Anthropic: the prefix up to and including the last block marked `cache_control` is cached when
   * it holds at least 1024 tokens; the first request writes it, later identical prefixes read it.
   * With `record: false` the cache is only consulted (for token counting).
   */
  anthropic(model: string, pieces: readonly AnthropicPromptPiece[], record = true): AnthropicCacheUsage {
    const total = pieces.reduce((sum, piece) => sum + countTokens(piece.text), 0);
    let lastMarked = -1;
    pieces.forEach((piece, index) => {
      if (piece.cacheMarked) lastMarked = index;
    });
    if (lastMarked === -1) return { inputTokens: total, cacheCreationTokens: 0, cacheReadTokens: 0 };
    const prefix = pieces.slice(0, lastMarked + 1);
    const prefixTokens = prefix.reduce((sum, piece) => sum + countTokens(piece.text), 0);
    if (prefixTokens < minimumCacheableTokens) {
      return { inputTokens: total, cacheCreationTokens: 0, cacheReadTokens: 0 };
    }
    const hash = createHash('sha256').update(model);
    for (const piece of prefix) hash.update('\u0000').update(piece.text);
    const key = hash.digest('hex');
    const hit = this.#anthropic.has(key);
    if (!hit && record) this.#anthropic.add(key);
    return {
      inputTokens: total - prefixTokens,
      cacheCreationTokens: hit ? 0 : prefixTokens,
      cacheReadTokens: hit ? prefixTokens : 0,
    };
  }

  /**
   * OpenAI: for prompts of at least 1024 tokens, the longest previously seen prefix of the message
   * list (whole messages) counts as cached, rounded down to a multiple of 128 tokens.
   */
  openai(
    model: string,
    messages: readonly string[],
    record = true,
  ): { promptTokens: number; cachedTokens: number } {
    const hash = createHash('sha256').update(model);
    let prefixTokens = 0;
    let cached = 0;
    const keys: [string, number][] = [];
    for (const message of messages) {
      hash.update('\u0000').update(message);
      prefixTokens += countTokens(message);
      const key = hash.copy().digest('hex');
      keys.push([key, prefixTokens]);
      const seen = this.#openai.get(key);
      if (seen !== undefined) cached = seen;
    }
    const promptTokens = prefixTokens;
    if (record) for (const [key, tokens] of keys) this.#openai.set(key, tokens);
    if (promptTokens < minimumCacheableTokens || cached < minimumCacheableTokens) {
      return { promptTokens, cachedTokens: 0 };
    }
    return { promptTokens, cachedTokens: Math.floor(cached / 128) * 128 };
  }
}
