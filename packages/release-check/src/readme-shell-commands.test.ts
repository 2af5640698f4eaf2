import { describe, expect, it } from 'vitest';
import { readmeCommands } from './readme-shell-commands.js';

const fence = '```';

describe('readmeCommands', () => {
  it('takes every line of sh/bash blocks, without comments, blank and comment-only lines', () => {
    const markdown = [
      '# Title',
      `${fence}sh`,
      'export KEY=sk-...          # your key',
      '',
      '# a comment line',
      'datasynth generate dir -n 5   # → dir/out.json',
      fence,
      'prose with `datasynth inline` is not a command',
      `${fence}bash`,
      'pnpm install && pnpm demo',
      fence,
    ].join('\n');
    expect(readmeCommands(markdown)).toEqual([
      { command: 'export KEY=sk-...', comment: 'your key' },
      { command: 'datasynth generate dir -n 5', comment: '→ dir/out.json' },
      { command: 'pnpm install && pnpm demo', comment: '' },
    ]);
  });

  it('skips blocks in other languages (ts, json, text, none)', () => {
    const markdown = [
      `${fence}ts`,
      'run();',
      fence,
      `${fence}json`,
      '{}',
      fence,
      fence,
      'datasynth x',
      fence,
    ].join('\n');
    expect(readmeCommands(markdown)).toEqual([]);
  });

  it('keeps a # inside quotes or words, and joins lines continued with a backslash', () => {
    const markdown = [
      `${fence}sh`,
      'jq -c \'.a # b\' "x # y" a#b   # real comment',
      'datasynth create schema.json seeds.jsonl \\',
      '  -o out.jsonl   # continued',
      fence,
    ].join('\n');
    expect(readmeCommands(markdown).map((entry) => entry.command)).toEqual([
      'jq -c \'.a # b\' "x # y" a#b',
      'datasynth create schema.json seeds.jsonl    -o out.jsonl',
    ]);
  });

  it('in console blocks, takes only the lines after a `$ ` prompt (the rest is output)', () => {
    const markdown = [
      `${fence}console`,
      '$ datasynth --version',
      '0.1.0',
      '$ pnpm demo',
      'Generated 20',
      fence,
    ].join('\n');
    expect(readmeCommands(markdown).map((entry) => entry.command)).toEqual([
      'datasynth --version',
      'pnpm demo',
    ]);
  });
});
