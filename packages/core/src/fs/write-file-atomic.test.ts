import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileError } from './file-error.js';
import { writeFileAtomic } from './write-file-atomic.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-atomic-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates missing parent directories and writes UTF-8 text', async () => {
    const target = path.join(root, 'a', '11_合成数据', 'synthetic.json');
    await writeFileAtomic(target, '{"诗":"夏天"}\n');
    expect(fs.readFileSync(target, 'utf8')).toBe('{"诗":"夏天"}\n');
  });

  it('replaces an existing file and leaves no temp file beside it', async () => {
    const target = path.join(root, 'b', 'state.json');
    await writeFileAtomic(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['state.json']);
  });

  it('keeps the old file whole when concurrent writers race, ending with one complete version', async () => {
    const target = path.join(root, 'c', 'race.json');
    const versions = Array.from({ length: 20 }, (_, index) =>
      JSON.stringify({ index, pad: 'x'.repeat(50_000) }),
    );
    await Promise.all(versions.map((version) => writeFileAtomic(target, version)));
    expect(versions).toContain(fs.readFileSync(target, 'utf8'));
    expect(fs.readdirSync(path.dirname(target))).toEqual(['race.json']);
  });

  it('writes an iterable of chunks in order', async () => {
    const target = path.join(root, 'e', 'chunks.jsonl');
    function* lines(): Generator<string> {
      for (let index = 0; index < 20_000; index += 1) yield `{"n":${index},"text":"${'字'.repeat(40)}"}\n`;
    }
    await writeFileAtomic(target, lines());
    const written = fs.readFileSync(target, 'utf8').trimEnd().split('\n');
    expect(written).toHaveLength(20_000);
    expect(JSON.parse(written[19_999] ?? '')).toMatchObject({ n: 19_999 });
  });

  it('passes on an error thrown by the content itself, keeping the old file and no temp file', async () => {
    const target = path.join(root, 'f', 'keep.json');
    await writeFileAtomic(target, 'old');
    function* failing(): Generator<string> {
      yield 'x'.repeat(2_000_000);
      throw new TypeError('Do not know how to serialize a BigInt');
    }
    await expect(writeFileAtomic(target, failing())).rejects.toThrow(TypeError);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['keep.json']);
  });

  it('fails with a FileError naming the file and removes its temp file', async () => {
    const directory = path.join(root, 'd');
    fs.mkdirSync(path.join(directory, 'occupied'), { recursive: true });
    const target = path.join(directory, 'occupied');
    const error = await writeFileAtomic(target, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'io', path: target });
    expect((error as Error).message).not.toContain('\n');
    expect(fs.readdirSync(directory)).toEqual(['occupied']);
  });
});
