import { EXIT_CODES } from '../errors/exit-codes.js';

/** A signal that aborts on the first Ctrl-C (or SIGTERM); the second one exits at once. */
export interface InterruptHandler {
  signal: AbortSignal;
  /** Stops listening (call when the run is over). */
  dispose(): void;
}

/**
 * First Ctrl-C: abort the signal given to core, which stops dispatching, lets calls in flight finish
 * within a grace period and flushes the journal. Second: exit 130 immediately. Core appends whole
 * lines with fsync and drops a torn last line on resume, so exiting mid-write cannot corrupt the run.
 */
export function installInterruptHandler(onFirstInterrupt: () => void): InterruptHandler {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_CODES.cancelled);
    controller.abort();
    onFirstInterrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
