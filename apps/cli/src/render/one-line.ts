/** Collapses a message to one line: the CLI promises single-line errors. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
