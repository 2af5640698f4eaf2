/** The body of one Markdown code fence. `closed` is false when the text ends inside the fence. */
export interface FencedBlock {
  language: string;
  body: string;
  closed: boolean;
}

const OPEN = /^[ \t]*(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+.-]*)/;

/** Markdown code fences (``` or ~~~, opening at the start of a line), in order. */
export function fencedBlocks(text: string): FencedBlock[] {
  const lines = text.split('\n');
  const blocks: FencedBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const open = OPEN.exec(lines[index] as string);
    if (!open) {
      index += 1;
      continue;
    }
    const fence = open[1] as string;
    const closing = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`);
    const body: string[] = [];
    // Text after the opening fence on its line (other than a language tag) belongs to the body.
    const rest = (lines[index] as string).slice(open[0].length);
    if (rest.trim() !== '') body.push(rest);
    index += 1;
    let closed = false;
    while (index < lines.length) {
      const line = lines[index] as string;
      index += 1;
      if (closing.test(line)) {
        closed = true;
        break;
      }
      body.push(line);
    }
    blocks.push({ language: (open[2] ?? '').toLowerCase(), body: body.join('\n'), closed });
  }
  return blocks;
}
