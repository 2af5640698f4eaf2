/**
 * The first fenced code block in `language` (e.g. `ts`, `js`, `sh`) under the Markdown heading
 * `heading` (e.g. `## Example`), before the next heading of the same or a higher level.
 * Throws when there is none, so a README that loses its example fails the check.
 */
export function readmeCodeBlock(markdown: string, heading: string, languages: readonly string[]): string {
  const lines = markdown.split(/\r?\n/);
  const level = heading.indexOf(' ');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start === -1) throw new Error(`no "${heading}" heading`);
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const headingMatch = /^(#+) /.exec(line);
    if (headingMatch?.[1] && headingMatch[1].length <= level) break;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.findIndex((candidate, at) => at > index && candidate.startsWith('```'));
    if (end === -1) throw new Error(`unclosed code block under "${heading}"`);
    if (languages.includes(fence[1] ?? '')) return `${lines.slice(index + 1, end).join('\n')}\n`;
    index = end;
  }
  throw new Error(`no ${languages.join('/')} code block under "${heading}"`);
}

/** A fenced code block: its info string's language (`sh`, `ts`, `text`, or `''`) and its code. */
export interface CodeBlock {
  language: string;
  code: string;
}

/** Every fenced code block of a Markdown document, in order, without its fences. */
export function allCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const pattern = /^```(\w*)[^\n]*\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(pattern))
    blocks.push({ language: match[1] ?? '', code: match[2] ?? '' });
  return blocks;
}
