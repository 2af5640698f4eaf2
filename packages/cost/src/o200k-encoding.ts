import fs from 'node:fs';
import { createRequire } from 'node:module';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';

/**
 * How long the o200k vocabulary stays loaded after its last use. Loading takes ~0.2 s; holding it
 * costs ~15 MB of heap, which V8 multiplies by its heap-growth factor for the rest of a long run
 * that only needed token counts while planning. Code that counts on every request, however far
 * apart (a budget reservation, a judge call), keeps it with {@link holdTokenizer} instead.
 */
export const O200K_IDLE_RELEASE_MS = 5_000;

const require = createRequire(import.meta.url);
// The tokenizer's own data file, not its generated 2.2 MB JavaScript module: a module can never be
// unloaded, while an array read from this file is garbage once the encoder is dropped.
const VOCABULARY_FILE = 'gpt-tokenizer/data/o200k_base.tiktoken';
const NO_SPECIAL_TOKENS = new Set<string>();

type Encoding = ReturnType<typeof GptEncoding.getEncodingApi>;

let loaded: Encoding | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let holds = 0;

/**
 * Counts `text` in o200k_base tokens; text that looks like a special token (`<|endoftext|>`) is
 * counted as plain text. The vocabulary is loaded on first use and dropped after
 * {@link O200K_IDLE_RELEASE_MS} without a count.
 */
export function countO200kTokens(text: string): number {
  const api = encoding();
  const count = (part: string) => api.countTokens(part, { disallowedSpecial: NO_SPECIAL_TOKENS });
  if (!LONG_RUN.test(text)) return count(text);
  return countWithBoundedPieces(text, count);
}

/**
 * The longest pre-tokenizer piece counted exactly. Byte-pair merging is quadratic in the length of
 * one piece (a 200 KB word took 100 s); natural text has pieces of a few dozen characters, so only
 * pathological runs (one long "word", a wall of punctuation or spaces) are ever cut.
 */
export const LONGEST_EXACT_PIECE = 256;

// No piece can be longer than a run of non-space (or space) characters plus one character.
const LONG_RUN = new RegExp(`\\S{${LONGEST_EXACT_PIECE}}|\\s{${LONGEST_EXACT_PIECE}}`, 'u');

/**
 * Counts text that has long runs in linear time: the text between long pieces is counted as it is
 * (exactly), each long piece in {@link LONGEST_EXACT_PIECE}-character slices (a close estimate:
 * cutting a run changes its count by at most a token per slice).
 */
function countWithBoundedPieces(text: string, count: (part: string) => number): number {
  const splitter = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, 'gu');
  let total = 0;
  let exactFrom = 0;
  for (const match of text.matchAll(splitter)) {
    const piece = match[0];
    if (piece.length <= LONGEST_EXACT_PIECE) continue;
    if (match.index > exactFrom) total += count(text.slice(exactFrom, match.index));
    let start = 0;
    while (start < piece.length) {
      let end = Math.min(piece.length, start + LONGEST_EXACT_PIECE);
      // Never split a surrogate pair.
      if (end < piece.length && isLowSurrogate(piece.charCodeAt(end))) end -= 1;
      total += count(piece.slice(start, end));
      start = end;
    }
    exactFrom = match.index + piece.length;
  }
  if (exactFrom < text.length) total += count(text.slice(exactFrom));
  return total;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Keeps the token-counting vocabulary in memory, once loaded, until the returned function is
 * called (calling it again does nothing). For code that counts tokens on every request, however
 * far apart requests are: without a hold, a gap of five seconds without a count drops the
 * vocabulary and the next count loads it again (~0.2 s). Holds nest.
 */
export function holdTokenizer(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    idleTimer?.refresh();
  };
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
    if (holds > 0) {
      idleTimer?.refresh();
      return;
    }
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
 * Decodes into one reused buffer (no allocation per line): it runs once per load, on the way to a
 * run's first request.
 */
export function readRanks(file: string): (string | number[])[] {
  const ranks: (string | number[])[] = [];
  let bytes = Buffer.alloc(256);
  let start = 0;
  while (start < file.length) {
    let end = file.indexOf('\n', start);
    if (end < 0) end = file.length;
    if (end > start) {
      const space = file.indexOf(' ', start);
      if (space < 0 || space > end) throw new Error(`Malformed o200k vocabulary line at offset ${start}`);
      if (bytes.length < space - start) bytes = Buffer.alloc(space - start);
      const length = decodeBase64(file, start, space, bytes);
      const rankText = file.slice(space + 1, end).trim();
      const rank = Number(rankText);
      if (!/^\d+$/.test(rankText) || rank < ranks.length) {
        throw new Error(
          `Malformed o200k vocabulary line at offset ${start}: ranks must be integers in increasing order`,
        );
      }
      while (ranks.length < rank) ranks.push('');
      ranks.push(tokenValue(bytes, length));
    }
    start = end + 1;
  }
  return ranks;
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
for (const [index, character] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries()) {
  BASE64_VALUES[character.charCodeAt(0)] = index;
}

// Standard base64 with `=` padding, from `text[start, end)` into `target`; returns the byte count.
function decodeBase64(text: string, start: number, end: number, target: Uint8Array): number {
  let length = 0;
  let bits = 0;
  let bitCount = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // '='
    const value = code < 128 ? BASE64_VALUES[code]! : -1;
    if (value < 0) throw new Error(`Malformed o200k vocabulary line at offset ${start}`);
    bits = (bits << 6) | value;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      target[length++] = (bits >> bitCount) & 0xff;
    }
  }
  return length;
}

function tokenValue(bytes: Buffer, length: number): string | number[] {
  let ascii = true;
  for (let i = 0; i < length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1', 0, length);
  // Upstream keeps a token as text only when strict UTF-8 decoding gives back the same bytes;
  // a decoder drops a leading byte-order mark, so such a token stays bytes too.
  if (isStrictUtf8(bytes, length) && !startsWithByteOrderMark(bytes, length))
    return bytes.toString('utf8', 0, length);
  return Array.from(bytes.subarray(0, length));
}

function startsWithByteOrderMark(bytes: Buffer, length: number): boolean {
  return length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no
// truncated sequence — exactly what a fatal TextDecoder accepts.
function isStrictUtf8(bytes: Buffer, length: number): boolean {
  let i = 0;
  while (i < length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else return false;
    if (i + need >= length) return false; // truncated
    const second = bytes[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}
