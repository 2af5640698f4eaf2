import { readFileSync } from 'node:fs';
import { PromptsError } from './prompts-error.js';

/** Reads a UTF-8 text file (BOM removed), turning file-system failures into `PromptsError`s that name the file. */
export function readTextFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new PromptsError('file_not_found', `${what} not found: ${path}`, { file: path, cause });
    }
    const reason = code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error');
    throw new PromptsError('file_unreadable', `cannot read ${what} ${path}: ${reason}`, {
      file: path,
      cause,
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
