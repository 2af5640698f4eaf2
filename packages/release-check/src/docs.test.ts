import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './published-packages.js';
import { allCodeBlocks } from './readme-code-block.js';

function read(file: string): string {
  return fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
}

/** A code block without its comments, which the Chinese README translates. */
function withoutComments(block: string): string {
  return block
    .split('\n')
    .map((line) => line.replace(/\s+(#|\/\/) .*$/, '').trimEnd())
    .join('\n');
}

function readJsonLines(file: string): Record<string, unknown>[] {
  return read(file)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('README.md and README.zh-CN.md', () => {
  const english = read('README.md');
  const chinese = read('README.zh-CN.md');

  it('link to each other', () => {
    expect(english).toContain('[简体中文](README.zh-CN.md)');
    expect(chinese).toContain('[English](README.md)');
  });

  it('show the same commands, configuration and code (only comments and `text` diagrams are translated)', () => {
    const code = (text: string) =>
      allCodeBlocks(text).map((block) => (block.language === 'text' ? 'text' : withoutComments(block.code)));
    expect(code(chinese)).toEqual(code(english));
  });

  it('give the same cost figures', () => {
    const figures = (text: string) => text.match(/\$\d+(\.\d+)?/g) ?? [];
    expect(figures(chinese)).toEqual(figures(english));
  });

  it('cover every topic of a release, in the same order', () => {
    const headings = (text: string) => text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings(english)).toEqual([
      '## Quick start',
      '## API mode',
      '## Interactive mode (no API key)',
      '## MCP configuration',
      '## The DataRecipe workflow',
      '## Examples',
      '## Cost estimation',
      '## CLI reference',
      '## Library API',
      '## Using the provider adapters in another tool',
      '## Batch API',
      '## Quality: judging, steering and reports',
      '## Benchmarks',
      '## Packages',
      '## Development',
      '## Releasing',
    ]);
    expect(headings(chinese)).toHaveLength(headings(english).length);
  });
});

describe('examples/self-instruct', () => {
  it('seeds.jsonl is seed_tasks.jsonl without the id bookkeeping field, record for record', () => {
    const original = readJsonLines('examples/self-instruct/seed_tasks.jsonl');
    const seeds = readJsonLines('examples/self-instruct/seeds.jsonl');
    expect(seeds).toEqual(original.map(({ id: _id, ...task }) => task));
    expect(seeds).toHaveLength(175);
  });
});
