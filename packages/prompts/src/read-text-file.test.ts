import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, readTextFile } from './read-text-file.js';
import { caughtPromptsError, tempFileWriter } from './testing/temp-text-files.js';

const { dir, write } = tempFileWriter('datasynth-prompts-read-');

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a byte-order mark', () => {
    const file = write('bom.txt', '\uFEFF你好 world');
    expect(readTextFile(file, 'seeds file')).toBe('你好 world');
  });

  it('refuses invalid UTF-8 and names the first bad byte instead of replacing it', () => {
    const file = write('latin1.txt', Buffer.from([0x68, 0x69, 0x20, 0xe9, 0x74, 0xe9]));
    const error = caughtPromptsError(() => readTextFile(file, 'seeds file'));
    expect(error.code).toBe('not_utf8');
    expect(error.message).toBe(`seeds file ${file} is not UTF-8 text (byte 3 is invalid): save it as UTF-8`);
  });

  it('refuses a file over the limit, naming the limit and the setting that raises it', () => {
    const file = write('big.txt', 'x'.repeat(2048));
    const error = caughtPromptsError(() => readTextFile(file, 'schema file', { maxBytes: 1024 }));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toContain('2 KiB, over the 1 KiB input limit');
    expect(error.message).toContain('maxInputBytes');
    expect(readTextFile(file, 'schema file', { maxBytes: 2048 })).toHaveLength(2048);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = path.join(dir, 'seeds.fifo');
    execFileSync('mkfifo', [fifo]);
    const error = caughtPromptsError(() => readTextFile(fifo, 'seeds file'));
    expect(error.code).toBe('file_unreadable');
    expect(error.message).toContain('a FIFO (named pipe), not a regular file');
  });

  it('refuses a character device such as /dev/zero instead of reading it forever', () => {
    const error = caughtPromptsError(() => readTextFile('/dev/zero', 'seeds file'));
    expect(error.message).toBe(
      'cannot read seeds file /dev/zero: it is a character device, not a regular file',
    );
  });

  it('refuses a folder and a missing file with their own messages', () => {
    expect(caughtPromptsError(() => readTextFile(dir, 'schema file')).message).toContain('it is a folder');
    expect(caughtPromptsError(() => readTextFile(path.join(dir, 'none.json'), 'schema file')).code).toBe(
      'file_not_found',
    );
  });

  it('formats sizes in binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(64 * 1024 * 1024)]).toEqual([
      '512 B',
      '1.5 KiB',
      '64 MiB',
    ]);
  });
});
