import { readRecords } from './read-records.js';

/**
 * Reads the records of a file in any layout DataSynth writes or reads: a DataSynth/DataRecipe
 * envelope (`{samples:[{id, data}]}` → each `data`), a JSON array of objects (e.g. alpaca), or
 * JSONL (`jsonl`, `sharegpt`, `openai`: one object per line, streamed). Records come back as
 * the file holds them; formats are not mapped back. The file is read within `maxInputBytes`
 * (64 MiB unless set).
 *
 * @throws OutputError `unreadable` naming the file (and line or item) when it is missing or not records.
 */
export async function readRecordsFile(
  filePath: string,
  options: { maxInputBytes?: number } = {},
): Promise<Record<string, unknown>[]> {
  const contents = await readRecords(filePath, options);
  return contents.entries.map((entry) => entry.data);
}
