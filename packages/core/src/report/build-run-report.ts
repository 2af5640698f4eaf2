import fs from 'node:fs';
import { recordText } from '../dedup/index.js';
import { readLines } from '../fs/index.js';
import { journalPaths } from '../journal/index.js';
import { groupProvenance } from '../provenance/group-provenance.js';
import { readProvenanceSidecar } from '../provenance/provenance-sidecar.js';
import type { RecordProvenance } from '../provenance/record-provenance.js';
import { type RunState, readRunState } from '../synthesizer/run-state.js';
import { ContaminationTally } from './contamination-tally.js';
import type { RejectedDuplicateCluster, RunReport } from './run-report.js';

const CLUSTER_LIMIT = 10;
const MEMBERS_KEPT = 5;
const TEXT_CHARS = 160;

/**
 * The run part of a report, from a run's state and its rejects file (streamed: only the largest
 * duplicate groups are kept).
 */
export async function buildRunReport(options: {
  state: RunState;
  rejectsPath?: string;
  /** The records' provenance (the sidecar's lines), when kept. */
  provenance?: readonly RecordProvenance[];
}): Promise<RunReport> {
  const { state } = options;
  const provenance = provenanceReport(state, options.provenance);
  const clusters = new Map<string, RejectedDuplicateCluster>();
  const contamination = new ContaminationTally();
  if (options.rejectsPath !== undefined && fs.existsSync(options.rejectsPath)) {
    for await (const { text: line } of readLines(options.rejectsPath)) {
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof entry !== 'object' || entry === null) continue;
      const { kind, matched, data, overlap } = entry as {
        kind?: unknown;
        matched?: unknown;
        data?: unknown;
        overlap?: unknown;
      };
      if (kind === 'contamination' || kind === 'seed-copy') {
        contamination.add(kind, overlap);
        continue;
      }
      if (kind !== 'duplicate-exact' && kind !== 'duplicate-near') continue;
      const match = matched as { id?: unknown; similarity?: unknown } | undefined;
      if (typeof match?.id !== 'string') continue;
      const cluster = clusters.get(match.id) ?? { matchedId: match.id, duplicates: [], total: 0 };
      cluster.total += 1;
      if (cluster.duplicates.length < MEMBERS_KEPT) {
        const text =
          typeof data === 'object' && data !== null ? recordText(data as Record<string, unknown>) : '';
        cluster.duplicates.push({
          kind: kind === 'duplicate-exact' ? 'exact' : 'near',
          similarity: typeof match.similarity === 'number' ? match.similarity : 1,
          text: [...text].slice(0, TEXT_CHARS).join(''),
        });
      }
      clusters.set(match.id, cluster);
    }
  }
  return {
    model: state.model,
    provider: state.provider,
    targetCount: state.targetCount,
    accepted: state.accepted,
    rejected: state.rejected,
    rejectedByReason: { ...state.rejectedByReason },
    duplicates: { ...state.duplicates },
    requests: state.requests,
    failedRequests: state.failedRequests,
    usage: state.usage,
    cost: state.cost,
    ...(state.costByModel && { costByModel: state.costByModel }),
    ...(state.funnel && { funnel: state.funnel }),
    ...(state.enumTargets && Object.keys(state.enumTargets).length > 0 && { enumTargets: state.enumTargets }),
    ...(state.judgeScores && { judgeScores: state.judgeScores }),
    ...(state.judgeGold && { judgeGold: state.judgeGold }),
    ...(state.diversityTrail && { diversityTrail: state.diversityTrail }),
    duplicateClusters: [...clusters.values()]
      .sort((a, b) => b.total - a.total || (a.matchedId < b.matchedId ? -1 : 1))
      .slice(0, CLUSTER_LIMIT),
    ...(state.stoppedBecause !== undefined && { stoppedBecause: state.stoppedBecause }),
    ...(contamination.total > 0 && { contamination: contamination.summary() }),
    ...(provenance && { provenance }),
  };
}

function provenanceReport(
  state: RunState,
  lines: readonly RecordProvenance[] | undefined,
): RunReport['provenance'] {
  if (!state.manifest && (lines === undefined || lines.length === 0)) return undefined;
  return {
    ...(state.manifest && { manifest: state.manifest }),
    records: lines?.length ?? 0,
    calls: new Set(lines?.map((line) => line.callId)).size,
    byModel: lines ? groupProvenance(lines, 'model') : [],
  };
}

/**
 * The run report of an output file made by DataSynth: from `<output>.state.json` and
 * `<output>.rejects.jsonl` beside it; undefined when there is no readable state.
 */
export async function loadRunReport(outputPath: string): Promise<RunReport | undefined> {
  const paths = journalPaths(outputPath);
  let state: RunState | undefined;
  try {
    state = readRunState(JSON.parse(fs.readFileSync(paths.state, 'utf8')));
  } catch {
    return undefined;
  }
  if (!state) return undefined;
  const provenance = await readProvenanceSidecar(outputPath);
  return buildRunReport({ state, rejectsPath: paths.rejects, ...(provenance && { provenance }) });
}
