import { parseSeeds } from './parse-seeds.js';
import { type ReadTextOptions, readTextFile } from './read-text-file.js';

/** Reads seed records from a file (see `readTextFile` for what is refused); see `parseSeeds` for the accepted formats. */
export function readSeedsFile(path: string, options: ReadTextOptions = {}): Record<string, unknown>[] {
  return parseSeeds(readTextFile(path, 'seeds file', options), { file: path });
}
