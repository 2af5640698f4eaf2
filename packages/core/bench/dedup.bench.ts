// Micro-benchmark of in-loop deduplication at 100,000 records (not part of the test run).
//
//   cd packages/core
//   pnpm exec tsup bench/dedup.bench.ts --format esm --target node20 -d node_modules/.bench --silent
//   node --expose-gc node_modules/.bench/dedup.bench.js [records]
//
// Records: see synthetic-records.ts.
import { performance } from 'node:perf_hooks';
import { DedupIndex } from '../src/dedup/dedup-index.js';
import { recordText } from '../src/dedup/record-text.js';
import { belleSamples, selfInstructSeeds } from '../src/dedup/test-support/seed-records.js';
import { syntheticRecords } from './synthetic-records.js';

const total = Number(process.argv[2] ?? 100_000);

const gc = (globalThis as { gc?: () => void }).gc;
const records = syntheticRecords(total, 2024);
const averageChars = records.reduce((sum, record) => sum + recordText(record).length, 0) / total;
gc?.();
const before = process.memoryUsage();
const index = new DedupIndex({ exact: true, near: true, threshold: 0.7 });
for (const [i, seed] of [...selfInstructSeeds(), ...belleSamples()].entries())
  index.add(seed, `seed #${i + 1}`, 'seed');

let duplicates = 0;
const checkpoints: string[] = [];
const fifth = total / 5;
let wallStart = performance.now();
let cpuStart = process.cpuUsage();
for (let i = 0; i < total; i++) {
  if (index.checkAndAdd(records[i]!, `SYNTH_${i + 1}`, 'accepted').duplicate) duplicates++;
  if ((i + 1) % fifth === 0) {
    // CPU time is the figure to trust on a busy machine; wall time includes waiting for a core.
    const cpu = process.cpuUsage(cpuStart);
    const wall = performance.now() - wallStart;
    checkpoints.push(
      `${i + 1}: ${((cpu.user + cpu.system) / fifth).toFixed(1)} µs CPU (${((wall * 1000) / fifth).toFixed(1)} wall)`,
    );
    wallStart = performance.now();
    cpuStart = process.cpuUsage();
  }
}
gc?.();
const after = process.memoryUsage();
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;
console.log(
  `records: ${total}, average text ${averageChars.toFixed(0)} chars, duplicates flagged: ${duplicates}`,
);
console.log(`checkAndAdd per record, by fifth: ${checkpoints.join(' | ')}`);
console.log(
  `before index: heap ${mb(before.heapUsed)}, array buffers ${mb(before.arrayBuffers)}, RSS ${mb(before.rss)}`,
);
console.log(
  `after:        heap ${mb(after.heapUsed)}, array buffers ${mb(after.arrayBuffers)}, RSS ${mb(after.rss)}`,
);
if (index.size !== total + 225 - duplicates) throw new Error('unexpected index size');
