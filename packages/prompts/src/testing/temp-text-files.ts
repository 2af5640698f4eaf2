import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { PromptsError } from '../prompts-error.js';

/**
 * A temporary folder for one test file, removed after its tests, and a writer of files into it
 * that returns each file's path (for tests).
 */
export function tempFileWriter(prefix: string): {
  dir: string;
  write: (name: string, content: string | Uint8Array) => string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  return { dir, write };
}

/** The PromptsError `run` throws; fails the test when it throws nothing or something else (for tests). */
export function caughtPromptsError(run: () => unknown): PromptsError {
  try {
    run();
  } catch (error) {
    expect(PromptsError.isInstance(error)).toBe(true);
    return error as PromptsError;
  }
  throw new Error('expected a PromptsError');
}
