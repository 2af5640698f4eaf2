import type { GenerateResult } from '@datasynth/providers';
import type { StateSaver } from './journal-queue.js';
import type { RecordIntake } from './record-intake.js';
import type { RunEvents } from './run-events.js';
import type { RunTally } from './run-tally.js';

/**
 * Takes one reply in, the same for an online call and a provider batch result: through the intake
 * (parse → validate → dedup → judge), into the journal, then a progress event.
 */
export async function takeReply(
  steps: { intake: RecordIntake; saver: StateSaver; tally: RunTally; events: RunEvents },
  result: GenerateResult,
  call: { requested: number; batch: number },
): Promise<void> {
  const { accepted, rejects } = await steps.intake.admitReply(result, call);
  steps.saver.record(accepted, rejects);
  steps.events.emit({ type: 'progress', progress: steps.tally.toProgress() });
}
