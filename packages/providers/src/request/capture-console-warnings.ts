/**
 * Runs `run` synchronously while `console.warn` is replaced by a collector, and returns what it
 * would have printed. The Anthropic SDK warns about deprecated models with a direct
 * `console.warn` inside `messages.create`, before any await; capturing that synchronous window
 * keeps the library silent and lets the warning travel in the result instead.
 */
export function captureConsoleWarnings<T>(run: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const target = globalThis.console;
  const original = target.warn;
  target.warn = (...parts: unknown[]) => {
    warnings.push(parts.map((part) => String(part)).join(' '));
  };
  try {
    return { value: run(), warnings };
  } finally {
    target.warn = original;
  }
}
