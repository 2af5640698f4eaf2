// The contamination guard's cost, run by `pnpm bench` (e) in a child process of its own so its
// peak RSS is its own:
//
//   node --expose-gc dist-bench/contamination-guard.bench.js [held-out items] [candidates]
//
// Prints one JSON line. Candidate checks are timed against the run's dedup check (checkAndAdd on
// an index holding the seeds) over the same candidates in the same process, as a ratio; CPU time,
// not wall time, since the machine is shared.
import { ContaminationGuard, type GuardVerdict } from '../src/contamination/contamination-guard.js';
import { CJK_NGRAM_LENGTH, WORD_NGRAM_LENGTH } from '../src/contamination/long-ngrams.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex } from '../src/dedup/dedup-index.js';
import { recordText } from '../src/dedup/record-text.js';
import { belleSamples, selfInstructSeeds } from '../src/dedup/test-support/seed-records.js';
import { syntheticRecords } from './synthetic-records.js';

const heldOutCount = Number(process.argv[2] ?? 100_000);
const candidateCount = Number(process.argv[3] ?? 20_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};
const heapAndBuffers = (): number => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const heldOut = syntheticRecords(heldOutCount, 77);
const candidates = syntheticRecords(candidateCount, 2024);
// Plant contamination: every 50th candidate is a held-out item; every 50th (offset 25) quotes a run
// of 13 plain words of one inside new text.
const planted = new Set<number>();
for (let i = 0; i < candidateCount; i += 50) {
  candidates[i] = structuredClone(heldOut[(i * 7) % heldOutCount]!);
  planted.add(i);
  if (i + 25 >= candidateCount) continue;
  for (let offset = 11; offset < 11 + 200; offset++) {
    const run = plainWordRun(String(heldOut[(i * 11 + offset) % heldOutCount]!.output), 13);
    if (run === undefined) continue;
    candidates[i + 25] = { ...candidates[i + 25], input: `Quote: ${run}.` };
    planted.add(i + 25);
    break;
  }
}

function plainWordRun(text: string, length: number): string | undefined {
  const tokens = text.split(' ');
  for (let start = 0; start + length <= tokens.length; start++) {
    const run = tokens.slice(start, start + length);
    if (run.every((token) => /^[a-z]+$/.test(token))) return run.join(' ');
  }
  return undefined;
}

// An independent check of every hit the guard reports outside the plants: by strings, not hashes.
function sharesLongRun(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const runs = (record: Record<string, unknown>): Set<string> => {
    const words = recordText(record).match(/[a-z0-9]+/g) ?? [];
    const out = new Set<string>();
    for (let i = 0; i + WORD_NGRAM_LENGTH <= words.length; i++)
      out.add(words.slice(i, i + WORD_NGRAM_LENGTH).join(' '));
    const han = recordText(record).match(/\p{Script=Han}/gu) ?? [];
    for (let i = 0; i + CJK_NGRAM_LENGTH <= han.length; i++)
      out.add(han.slice(i, i + CJK_NGRAM_LENGTH).join(''));
    return out;
  };
  const left = runs(a);
  for (const run of runs(b)) if (left.has(run)) return true;
  return false;
}

const memoryBefore = heapAndBuffers();
const buildStart = process.cpuUsage();
const guard = new ContaminationGuard({ threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD });
guard.addFile('held-out.jsonl', heldOut);
const buildMicros = cpuMicros(buildStart);
const guardBytes = heapAndBuffers() - memoryBefore;

const seeds = [...selfInstructSeeds(), ...belleSamples()];
const dedupRound = (): number => {
  const index = new DedupIndex({ exact: true, near: true, threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD });
  for (const [i, seed] of seeds.entries()) index.add(seed, `seed #${i + 1}`, 'seed');
  const start = process.cpuUsage();
  for (const [i, candidate] of candidates.entries())
    index.checkAndAdd(candidate, `SYNTH_${i + 1}`, 'accepted');
  return cpuMicros(start);
};
let caught = 0;
const unplanted: { candidate: number; verdict: GuardVerdict }[] = [];
const guardRound = (): number => {
  caught = 0;
  unplanted.length = 0;
  const start = process.cpuUsage();
  for (const [i, candidate] of candidates.entries()) {
    const verdict = guard.check(candidate);
    if (!verdict.hit) continue;
    if (planted.has(i)) caught++;
    else unplanted.push({ candidate: i, verdict });
  }
  return cpuMicros(start);
};
// Alternate and keep each side's best round: another process taking the core hurts one round, not both.
let dedupMicros = Number.POSITIVE_INFINITY;
let guardMicros = Number.POSITIVE_INFINITY;
for (let round = 0; round < 3; round++) {
  dedupMicros = Math.min(dedupMicros, dedupRound());
  guardMicros = Math.min(guardMicros, guardRound());
}

// The generator walks one bigram chain for both sets, so unrelated records do share long runs now
// and then: count how many of the unplanted hits a string comparison confirms.
const unplantedByKind: Record<string, number> = {};
let unplantedNgramConfirmed = 0;
for (const { candidate, verdict } of unplanted) {
  if (!verdict.hit) continue;
  unplantedByKind[verdict.kind] = (unplantedByKind[verdict.kind] ?? 0) + 1;
  if (verdict.kind === 'ngram' && sharesLongRun(candidates[candidate]!, heldOut[verdict.item - 1]!)) {
    unplantedNgramConfirmed++;
  }
}

console.log(
  JSON.stringify({
    heldOut: heldOutCount,
    candidates: candidateCount,
    buildMicrosPerItem: buildMicros / heldOutCount,
    guardMicrosPerCheck: guardMicros / candidateCount,
    dedupMicrosPerCheck: dedupMicros / candidateCount,
    guardBytesPerItem: guardBytes / heldOutCount,
    planted: planted.size,
    caught,
    unplantedByKind,
    unplantedNgramConfirmed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
