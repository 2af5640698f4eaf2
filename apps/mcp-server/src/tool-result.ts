import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { roundNumbers } from './round-numbers.js';
import { inSettingWords } from './setting-words.js';

/**
 * Errors whose message is already a one-line, user-facing sentence (the same the CLI prints):
 * core's SynthesisError, OutputError and JournalError, the prompts, providers and cost errors,
 * and the server's own ToolError. Matched by name so a duplicated package copy still counts.
 */
const USER_FACING_ERRORS = new Set([
  'SynthesisError',
  'OutputError',
  'JournalError',
  'PromptsError',
  'ProviderError',
  'CostError',
  'ToolError',
]);

/** A successful tool result: the structured object plus a short readable text for the model. */
export function toolSuccess(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * A tool result that reports a failure (`isError: true`). `structured` may carry what is known
 * about a run that stopped short; the text is the one-line reason.
 */
export function toolFailure(error: unknown, structured?: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: errorMessage(error) }],
    isError: true,
    ...(structured && { structuredContent: structured }),
  };
}

/** Whether `error` carries a user-facing one-line message (rather than being a bug to report). */
export function isUserFacing(error: unknown): boolean {
  return typeof error === 'string' || (error instanceof Error && USER_FACING_ERRORS.has(error.name));
}

/**
 * The one-line message for anything thrown: user-facing errors as they are (CLI flags they name put
 * in this server's words), others marked unexpected.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return oneLine(inSettingWords(error));
  if (error instanceof Error) {
    if (isUserFacing(error)) return oneLine(inSettingWords(error.message));
    return oneLine(
      `Unexpected error: ${error.message || error.name}. Please report it with the output of \`datasynth-mcp --version\`.`,
    );
  }
  return oneLine(`Unexpected error: ${String(error)}.`);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** What {@link guardTool} needs from the server. */
export interface ToolGuard {
  /** Removes secrets from a value before it leaves the server. */
  redact: <T>(value: T) => T;
  /** Writes a diagnostic line (stderr in the real server). */
  log: (line: string) => void;
}

/**
 * Wraps a tool handler: anything it throws becomes an `isError` result with its one-line message
 * (an unexpected error is also logged with its stack), every string of the result passes through
 * `redact`, and the numbers of its structured content are rounded (no `0.0006529999999999999`).
 */
export function guardTool<A, E>(
  guard: ToolGuard,
  handler: (args: A, extra: E) => Promise<CallToolResult>,
): (args: A, extra: E) => Promise<CallToolResult> {
  return async (args, extra) => {
    let result: CallToolResult;
    try {
      result = await handler(args, extra);
    } catch (error) {
      if (!isUserFacing(error)) {
        guard.log(guard.redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      }
      result = toolFailure(error);
    }
    if (result.structuredContent)
      result = { ...result, structuredContent: roundNumbers(result.structuredContent) };
    return guard.redact(result);
  };
}
