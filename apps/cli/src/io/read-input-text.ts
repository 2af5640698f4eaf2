import fs from 'node:fs';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';

/** Reads a text file, or all of stdin for `-`; a missing or unreadable file is one line naming it. */
export async function readInputText(
  file: string,
  stdin: NodeJS.ReadableStream,
  what: string,
): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExitError(EXIT_CODES.usage, `${file}: ${what} not found`);
    if (code === 'EISDIR') throw new ExitError(EXIT_CODES.usage, `${file}: is a folder, not a ${what}`);
    throw new ExitError(
      EXIT_CODES.usage,
      `${file}: cannot read the ${what} (${code ?? (error as Error).message})`,
    );
  }
}
