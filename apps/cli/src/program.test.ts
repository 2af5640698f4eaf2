import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { DEFAULT_MODEL, DEFAULT_OPENAI_MODEL } from '@datasynth/core';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createCliContext } from './cli-context.js';
import type { CliIo } from './io/cli-io.js';
import { CLI_VERSION, createProgram } from './program.js';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');

function silentIo(): CliIo {
  return {
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    stderrIsTTY: false,
    stderrColumns: undefined,
    env: {},
    stdin: new PassThrough(),
  };
}

function program(): Command {
  return createProgram(createCliContext(silentIo(), [], CLI_VERSION));
}

describe('README stays in step with the commander definitions', () => {
  it('documents every command', () => {
    const names = program().commands.map((command) => command.name());
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) expect(README, `datasynth ${name}`).toContain(`datasynth ${name}`);
  });

  it('documents every long option commander knows', () => {
    const root = program();
    const longs = new Set<string>();
    for (const command of [root, ...root.commands]) {
      for (const option of command.options) if (option.long) longs.add(option.long);
    }
    longs.add('--help');
    expect(longs.size).toBeGreaterThan(30);
    const missing = [...longs].filter((long) => !new RegExp(`${long}(?![\\w-])`).test(README));
    expect(missing).toEqual([]);
  });

  it('states the same defaults as the commands (which take them from core)', () => {
    const generate = program().commands.find((command) => command.name() === 'generate');
    const rows = README.split('\n').filter((line) => line.startsWith('| `-'));
    const withDefaults =
      generate?.options.filter((option) => option.defaultValue !== undefined && !option.negate) ?? [];
    expect(withDefaults.length).toBeGreaterThan(5);
    for (const option of withDefaults) {
      const row = rows.find((line) => line.startsWith(`| \`${option.flags}\``));
      expect(row, option.flags).toContain(`(default ${String(option.defaultValue)})`);
    }
    for (const option of generate?.options.filter((candidate) => candidate.defaultValue === undefined) ??
      []) {
      const row = rows.find((line) => line.startsWith(`| \`${option.flags}\``));
      expect(row ?? '', option.flags).not.toContain('(default ');
    }
    const modelRow = rows.find((line) => line.startsWith('| `-m, --model'));
    expect(modelRow).toContain(`Default \`${DEFAULT_MODEL}\``);
    expect(modelRow).toContain(`\`${DEFAULT_OPENAI_MODEL}\``);
  });
});
