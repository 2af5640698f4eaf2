import { PromptsError, type PromptsErrorCode } from './prompts-error.js';

/**
 * The deepest nesting of arrays and objects accepted in a schema or a seed record. Real schemas
 * and records stay within a dozen levels; without a limit, a document nested thousands of levels
 * deep ends in "Maximum call stack size exceeded" somewhere in validation or serialisation.
 */
export const MAX_JSON_DEPTH = 100;

/** How deep `value` nests, counting each array or object as one level; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  // Iterative, so the check itself cannot overflow the stack it protects.
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop() as { value: unknown; depth: number };
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
    }
  }
  return deepest;
}

/** Throws a one-line `PromptsError` when `value` nests deeper than {@link MAX_JSON_DEPTH}. */
export function assertJsonDepth(
  value: unknown,
  options: { what: string; code: PromptsErrorCode; file?: string },
): void {
  if (jsonDepth(value) <= MAX_JSON_DEPTH) return;
  const where = options.file === undefined ? '' : `${options.file}: `;
  throw new PromptsError(
    options.code,
    `${where}the ${options.what} nests deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
    options.file === undefined ? undefined : { file: options.file },
  );
}
