import { createReadStream } from 'node:fs';

/** One line of a file, with where it sits in bytes. */
export interface FileLine {
  /** The line's text without its `\n` (a trailing `\r` is kept; JSON parsing ignores it). */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just past the line's `\n` (or past its last byte when unterminated). */
  end: number;
  /** False only for a last line that has no `\n` after it. */
  terminated: boolean;
}

const NEWLINE = 0x0a;

/**
 * Streams a file line by line without holding more than one line (plus one read chunk) in
 * memory. Splits on the `\n` byte, which never occurs inside a UTF-8 multi-byte sequence, so
 * byte offsets stay exact (they are what a torn tail is truncated to).
 */
export async function* readLines(filePath: string): AsyncGenerator<FileLine> {
  const stream = createReadStream(filePath, { highWaterMark: 1 << 20 });
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let index = chunk.indexOf(NEWLINE, from); index !== -1; index = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, index);
      const bytes = pendingLength === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingLength = 0;
      number += 1;
      const start = offset;
      offset += bytes.length + 1;
      yield { text: bytes.toString('utf8'), number, start, end: offset, terminated: true };
      from = index + 1;
    }
    if (from < chunk.length) {
      pending.push(chunk.subarray(from));
      pendingLength += chunk.length - from;
    }
  }
  if (pendingLength > 0) {
    const bytes = Buffer.concat(pending);
    number += 1;
    yield {
      text: bytes.toString('utf8'),
      number,
      start: offset,
      end: offset + bytes.length,
      terminated: false,
    };
  }
}
