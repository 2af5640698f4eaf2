/** Where one balanced JSON container (`{…}` or `[…]`) sits in a text: `[start, end)`. */
export interface JsonSpan {
  start: number;
  end: number;
}

/** Balanced containers found in a text, and where an unclosed one starts (the text was cut off). */
export interface JsonScan {
  complete: JsonSpan[];
  openStart?: number;
}

const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  // Smart quotes come from models that typeset their JSON; either curly form may close.
  '“': '”“',
  '”': '”“',
  '„': '”“',
  '‘': '’‘',
  '’': '’‘',
};

/** Index just past the string starting at `start`, or -1 when the text ends inside it. */
function stringEnd(text: string, start: number): number {
  const closers = CLOSERS[text[start] as string] ?? '"';
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character === '\\') index += 1;
    else if (closers.includes(character)) return index + 1;
  }
  return -1;
}

/**
 * Finds top-level JSON containers in text, tracking strings (straight, single and curly quotes, with
 * escapes) and comments inside them so brackets in strings do not count. This only finds structure;
 * repairing near-JSON is left to jsonrepair. `insideContainer`: the text is the body of an array or
 * object, so strings at the top level are skipped too (in prose, quotes at the top level mean nothing).
 */
export function scanJsonValues(text: string, options: { insideContainer: boolean }): JsonScan {
  const complete: JsonSpan[] = [];
  let depth = 0;
  let start = -1;
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (depth > 0 || options.insideContainer) {
      if (Object.hasOwn(CLOSERS, character)) {
        const end = stringEnd(text, index);
        if (end < 0) break;
        index = end;
        continue;
      }
      if (character === '/' && text[index + 1] === '/') {
        const newline = text.indexOf('\n', index);
        index = newline < 0 ? text.length : newline;
        continue;
      }
      if (character === '/' && text[index + 1] === '*') {
        const close = text.indexOf('*/', index + 2);
        index = close < 0 ? text.length : close + 2;
        continue;
      }
    }
    if (character === '{' || character === '[') {
      if (depth === 0) start = index;
      depth += 1;
    } else if ((character === '}' || character === ']') && depth > 0) {
      depth -= 1;
      if (depth === 0) complete.push({ start, end: index + 1 });
    }
    index += 1;
  }
  return depth > 0 ? { complete, openStart: start } : { complete };
}
