/**
 * Constraints a provider's structured output cannot carry still matter to the model, so they
 * travel in the field's `description` as one JSON object on its own last line, e.g.
 * `The review text.\n\n{"minLength":20,"maxLength":400}` (Anthropic's SDK does the same in its
 * own wording). The caller keeps enforcing them by validating the answer.
 */
export function withConstraintNote(
  description: unknown,
  moved: Readonly<Record<string, unknown>>,
): string | undefined {
  if (Object.keys(moved).length === 0) return typeof description === 'string' ? description : undefined;
  const note = JSON.stringify(moved);
  return typeof description === 'string' && description !== '' ? `${description}\n\n${note}` : note;
}

/** The constraints {@link withConstraintNote} wrote into a description (empty when none). */
export function readConstraintNote(description: unknown): Record<string, unknown> {
  if (typeof description !== 'string') return {};
  const lastLine = description.slice(description.lastIndexOf('\n') + 1).trim();
  if (!lastLine.startsWith('{') || !lastLine.endsWith('}')) return {};
  try {
    const parsed: unknown = JSON.parse(lastLine);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
