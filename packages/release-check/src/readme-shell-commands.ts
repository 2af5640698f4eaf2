import { allCodeBlocks } from './readme-code-block.js';

/** The info strings of the fenced code blocks that hold commands for a shell. */
export const SHELL_BLOCK_LANGUAGES: readonly string[] = ['sh', 'bash', 'shell', 'zsh', 'console'];

/** One command line of a README, as a user would type it. */
export interface ReadmeCommand {
  /** Without the `$ ` prompt, the trailing `# …` comment and line continuations. */
  command: string;
  /** The trailing comment without its `#` (translated in README.zh-CN.md), or `''`. */
  comment: string;
}

/**
 * Splits a shell line at its comment: a `#` at the start or after whitespace, outside quotes.
 * Returns the trimmed command and comment.
 */
function splitComment(line: string): ReadmeCommand {
  let quote = '';
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '#' && (index === 0 || /\s/.test(line[index - 1] ?? ''))) {
      return { command: line.slice(0, index).trim(), comment: line.slice(index + 1).trim() };
    }
  }
  return { command: line.trim(), comment: '' };
}

/**
 * Every command line of every shell code block (`sh`, `bash`, `shell`, `zsh`, `console`) of a Markdown
 * document, in order. Comment-only and blank lines are dropped; in a `console` block only lines
 * starting with `$ ` are commands (the rest is output); a trailing `\` joins the next line.
 */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  for (const block of allCodeBlocks(markdown)) {
    if (!SHELL_BLOCK_LANGUAGES.includes(block.language)) continue;
    let continued = '';
    for (const rawLine of block.code.split('\n')) {
      let line = rawLine;
      if (block.language === 'console' && !continued) {
        const prompt = /^\s*\$ /.exec(line);
        if (!prompt) continue;
        line = line.slice(prompt[0].length);
      }
      if (/\\\s*$/.test(line)) {
        continued += `${line.replace(/\\\s*$/, '')} `;
        continue;
      }
      const split = splitComment(continued + line);
      continued = '';
      if (split.command) commands.push(split);
    }
  }
  return commands;
}
