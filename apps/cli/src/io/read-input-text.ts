import { PromptsError, readTextFile } from '@datasynth/prompts';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';

/**
 * Reads a text file, or all of stdin for `-`. A file is read like every input (a regular file of at
 * most 64 MiB in UTF-8: a FIFO or /dev/zero is refused, not waited on); a missing or unreadable
 * file is one line naming it.
 */
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
    return readTextFile(file, what);
  } catch (error) {
    if (!PromptsError.isInstance(error)) throw error;
    if (error.code === 'file_not_found') throw new ExitError(EXIT_CODES.usage, `${file}: ${what} not found`);
    throw new ExitError(EXIT_CODES.usage, error.message);
  }
}
