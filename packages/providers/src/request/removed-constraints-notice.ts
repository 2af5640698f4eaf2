/**
 * Says once per model which schema constraints a provider's structured output does not take. The
 * records envelope is rebuilt per batch size, so the notice is keyed by what was removed, not by
 * the schema object: a run hears it once, not once per batch size.
 */
export class RemovedConstraintsNotice {
  readonly #said = new Set<string>();

  /** The warning for these removals, or undefined when there are none or it was already given. */
  warningFor(what: string, removedConstraints: readonly string[]): string | undefined {
    if (removedConstraints.length === 0) return undefined;
    const key = removedConstraints.join(',');
    if (this.#said.has(key)) return undefined;
    this.#said.add(key);
    return `${what} does not take ${removedConstraints.length} schema constraint(s) (${removedConstraints.join(', ')}); they were moved into the fields' descriptions, so validate answers against the full schema.`;
  }
}
