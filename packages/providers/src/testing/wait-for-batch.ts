import type {
  BatchCapability,
  BatchInfo,
  BatchResultLine,
  BatchResultsOptions,
} from '../spec/batch-capability.js';

/** Polls a batch every 10 ms until it has ended (test helper; gives up after 5 s). */
export async function waitForBatch(batch: BatchCapability, id: string): Promise<BatchInfo> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const info = await batch.retrieve(id);
    if (info.status === 'ended') return info;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`batch ${id} did not end`);
}

/** Every result line of an ended batch, in the provider's order. */
export async function collectResults(
  batch: BatchCapability,
  id: string,
  options?: BatchResultsOptions,
): Promise<BatchResultLine[]> {
  const lines: BatchResultLine[] = [];
  for await (const line of batch.results(id, options)) lines.push(line);
  return lines;
}
