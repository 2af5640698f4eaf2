/** Logger shape both SDKs accept. */
export interface SdkLogger {
  error: (message: string, ...rest: unknown[]) => void;
  warn: (message: string, ...rest: unknown[]) => void;
  info: (message: string, ...rest: unknown[]) => void;
  debug: (message: string, ...rest: unknown[]) => void;
}

/**
 * A logger for the SDKs that prints nothing: warnings and errors are queued for the next
 * result's `warnings`, info and debug lines are dropped (libraries never print).
 */
export function createCollectingLogger(): { logger: SdkLogger; drain(): string[] } {
  let pending: string[] = [];
  const collect = (message: string) => {
    pending.push(message.replace(/\s+/g, ' ').trim());
  };
  const ignore = () => {};
  return {
    logger: { error: collect, warn: collect, info: ignore, debug: ignore },
    drain: () => {
      const drained = pending;
      pending = [];
      return drained;
    },
  };
}
