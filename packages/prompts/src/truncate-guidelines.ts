/** Guidelines cut to fit a prompt. */
export interface TruncatedGuidelines {
  text: string;
  truncated: boolean;
  /** Length of the normalised original. */
  originalLength: number;
}

const SENTENCE_END = /[。！？!?.;；…]["'”’」』)）]*(?=\s|$)|[。！？；…]["'”’」』)）]*/g;

function lastSentenceEnd(window: string): number {
  let end = -1;
  for (const match of window.matchAll(SENTENCE_END)) end = match.index + match[0].length;
  return end;
}

/**
 * Fits guidelines into `maxChars`: line endings normalised, then cut at the last paragraph boundary
 * (blank line) inside the budget. When that would throw away more than half of the budget, a line
 * break or a sentence end close to the limit is used instead; never mid-sentence unless a single
 * sentence is longer than the whole budget.
 */
export function truncateGuidelines(guidelines: string, maxChars: number): TruncatedGuidelines {
  const text = guidelines.replace(/\r\n?/g, '\n').trim();
  if (text.length <= maxChars) return { text, truncated: false, originalLength: text.length };
  const window = text.slice(0, maxChars + 1);
  const half = maxChars / 2;
  const paragraph = window.lastIndexOf('\n\n');
  const line = window.lastIndexOf('\n');
  const sentence = lastSentenceEnd(window.slice(0, maxChars));
  let cut: number;
  if (paragraph >= half) cut = paragraph;
  else if (line >= half) cut = line;
  else if (sentence >= half) cut = sentence;
  else if (paragraph > 0) cut = paragraph;
  else if (line > 0) cut = line;
  else if (sentence > 0) cut = sentence;
  else {
    const space = window.lastIndexOf(' ');
    cut = space > 0 ? space : maxChars;
  }
  return { text: text.slice(0, cut).trimEnd(), truncated: true, originalLength: text.length };
}
