import fs from 'node:fs';
import { createRequire } from 'node:module';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';

/**
 * How long the o200k vocabulary stays loaded after its last use. Loading takes ~0.2 s; holding it
 * costs ~15 MB of heap, which V8 multiplies by its heap-growth factor for the rest of a long run
 * that only needed token counts while planning. A run that keeps counting (a budget reservation
 * per batch, a judge call per batch) keeps refreshing it and never reloads.
 */
export const O200K_IDLE_RELEASE_MS = 5_000;

const require = createRequire(import.meta.url);
// The tokenizer's own data file, not its generated 2.2 MB JavaScript module: a module can never be
// unloaded, while an array read from this file is garbage once the encoder is dropped.
const VOCABULARY_FILE = 'gpt-tokenizer/data/o200k_base.tiktoken';
const NO_SPECIAL_TOKENS = new Set<string>();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

type Encoding = ReturnType<typeof GptEncoding.getEncodingApi>;

let loaded: Encoding | undefined;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * Counts `text` in o200k_base tokens; text that looks like a special token (`<|endoftext|>`) is
 * counted as plain text. The vocabulary is loaded on first use and dropped after
 * {@link O200K_IDLE_RELEASE_MS} without a count.
 */
export function countO200kTokens(text: string): number {
  return encoding().countTokens(text, { disallowedSpecial: NO_SPECIAL_TOKENS });
}

/** Whether the vocabulary is in memory now (for tests and diagnostics). */
export function isO200kLoaded(): boolean {
  return loaded !== undefined;
}

function encoding(): Encoding {
  if (loaded) {
    idleTimer?.refresh();
    return loaded;
  }
  const ranks = readRanks(fs.readFileSync(require.resolve(VOCABULARY_FILE), 'latin1'));
  loaded = GptEncoding.getEncodingApi('o200k_base', () => ranks);
  idleTimer = setTimeout(() => {
    loaded = undefined;
    idleTimer = undefined;
  }, O200K_IDLE_RELEASE_MS);
  idleTimer.unref();
  return loaded;
}

/**
 * Parses a `.tiktoken` file (`<base64 token> <rank>` per line) into the rank table gpt-tokenizer
 * takes: each token as a string when its bytes are complete UTF-8, else as its bytes; missing ranks
 * as empty strings. This is what the package's own code generator does for its JavaScript module.
 */
export function readRanks(file: string): (string | number[])[] {
  const ranks: (string | number[])[] = [];
  let start = 0;
  while (start < file.length) {
    let end = file.indexOf('\n', start);
    if (end < 0) end = file.length;
    if (end > start) {
      const space = file.indexOf(' ', start);
      if (space < 0 || space > end) throw new Error(`Malformed o200k vocabulary line at offset ${start}`);
      const rank = Number(file.slice(space + 1, end));
      while (ranks.length < rank) ranks.push('');
      ranks.push(tokenValue(Buffer.from(file.slice(start, space), 'base64')));
    }
    start = end + 1;
  }
  return ranks;
}

function tokenValue(bytes: Buffer): string | number[] {
  try {
    const text = strictUtf8.decode(bytes);
    if (Buffer.byteLength(text) === bytes.length) return text;
  } catch {
    // not complete UTF-8 on its own: kept as bytes
  }
  return Array.from(bytes);
}
