import type { GenerateResult } from '@datasynth/providers';
import { type CallProvenance, stampProvenance } from '../provenance/call-provenance.js';
import type { StateSaver } from './journal-queue.js';
import type { RecordIntake } from './record-intake.js';
import type { RunEvents } from './run-events.js';
import type { RunTally } from './run-tally.js';

/**
 * Takes one reply in, the same for an online call and a provider batch result: through the intake
 * (parse → validate → dedup → judge), into the journal (each accepted record with its provenance,
 * when kept), then a progress event.
 */
export async function takeReply(
  steps: { intake: RecordIntake; saver: StateSaver; tally: RunTally; events: RunEvents },
  result: GenerateResult,
  call: { requested: number; batch: number; provenance?: CallProvenance | undefined },
): Promise<void> {
  const { accepted, rejects } = await steps.intake.admitReply(result, call);
  if (call.provenance) stampProvenance(accepted, call.provenance, new Date().toISOString());
  steps.saver.record(accepted, rejects);
  steps.events.emit({ type: 'progress', progress: steps.tally.toProgress() });
}
