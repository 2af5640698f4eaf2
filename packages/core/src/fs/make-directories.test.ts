import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { makeDirectories } from './make-directories.js';

describe('makeDirectories', () => {
  it('creates every missing level and accepts folders that exist', async () => {
    const root = makeTempDir('datasynth-mkdir-');
    const deep = path.join(root, 'a', 'b', 'c');
    await makeDirectories(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
    await expect(makeDirectories(deep)).resolves.toBeUndefined();
  });

  it('fails under /proc with ENOENT instead of looping (recursive mkdir never returns there)', async () => {
    await expect(makeDirectories('/proc/self/datasynth/out')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails when a file stands where a folder should be', async () => {
    const root = makeTempDir('datasynth-mkdir-');
    fs.writeFileSync(path.join(root, 'file'), 'x');
    await expect(makeDirectories(path.join(root, 'file', 'below'))).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });
});
