import { parseSeeds } from './parse-seeds.js';
import { readTextFile } from './read-text-file.js';

/** Reads seed records from a file; see `parseSeeds` for the accepted formats. */
export function readSeedsFile(path: string): Record<string, unknown>[] {
  return parseSeeds(readTextFile(path, 'seeds file'), { file: path });
}
