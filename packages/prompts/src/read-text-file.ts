import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { PromptsError } from './prompts-error.js';

/**
 * The largest input file read by default: 64 MiB. Seeds, schemas, guidelines and topics are far
 * smaller; the cap keeps a wrong path (a disk image, a log) from filling memory. Raise it with the
 * `maxInputBytes` setting.
 */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** How {@link readTextFile} reads. */
export interface ReadTextOptions {
  /** Largest file accepted, in bytes (default {@link DEFAULT_MAX_INPUT_BYTES}). */
  maxBytes?: number;
}

/**
 * Reads an input text file: a regular file (not a folder, FIFO, socket or device such as
 * /dev/zero) of at most `maxBytes`, in strict UTF-8 (a byte-order mark is dropped; any invalid
 * byte is refused rather than replaced). Opens without blocking, so a FIFO with no writer cannot
 * hang the caller. Every failure is a `PromptsError` that names the file and says what to do.
 */
export function readTextFile(path: string, what: string, options: ReadTextOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw openFailure(path, what, cause);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      throw new PromptsError(
        'file_unreadable',
        `cannot read ${what} ${path}: it is ${describeFileKind(stats)}, not a regular file`,
        { file: path },
      );
    }
    if (stats.size > maxBytes) {
      throw new PromptsError(
        'file_too_large',
        `${what} ${path} is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} input limit: check the path, or raise the maxInputBytes setting`,
        { file: path },
      );
    }
    const bytes = readWhole(descriptor, stats.size, maxBytes, path, what);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new PromptsError(
        'not_utf8',
        `${what} ${path} is not UTF-8 text (byte ${firstInvalidByte(bytes)} is invalid): save it as UTF-8`,
        { file: path, cause },
      );
    }
  } finally {
    closeSync(descriptor);
  }
}

/** What kind of file system object `stats` describes, for a message. */
export function describeFileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return stats.isFile() ? 'a regular file' : 'not a regular file';
}

/** `123 B`, `4.5 KiB`, `64 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

// Reads up to the size fstat gave; a file still growing past the limit is refused, not read forever.
function readWhole(descriptor: number, size: number, maxBytes: number, path: string, what: string): Buffer {
  let buffer = Buffer.alloc(Math.max(size, 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length > maxBytes) {
        throw new PromptsError(
          'file_too_large',
          `${what} ${path} grew past the ${formatBytes(maxBytes)} input limit while it was read: check the path, or raise the maxInputBytes setting`,
          { file: path },
        );
      }
      const grown = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(descriptor, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  // Bisect on prefixes: a prefix decodes (as a stream, so a sequence cut at its end is fine)
  // exactly when the invalid byte lies beyond it.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle + 1), { stream: true });
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  // `low` is the byte that broke the sequence; report where that sequence began.
  for (let back = 1; back <= 3 && low - back >= 0; back++) {
    const byte = bytes[low - back] ?? 0;
    if (byte >= 0xc0) return low - back;
    if (byte < 0x80) break;
  }
  return low;
}

function openFailure(path: string, what: string, cause: unknown): PromptsError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new PromptsError('file_not_found', `${what} not found: ${path}`, { file: path, cause });
  }
  const reason =
    code === 'EISDIR'
      ? 'it is a folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (code ?? 'unknown error');
  return new PromptsError('file_unreadable', `cannot read ${what} ${path}: ${reason}`, { file: path, cause });
}
