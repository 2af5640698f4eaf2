import { describe, expect, it } from 'vitest';
import { parseServerArguments } from './server-arguments.js';

describe('parseServerArguments', () => {
  it('takes the root from --root, else DATASYNTH_ROOT, else the working directory', () => {
    expect(parseServerArguments(['--root', '/data'], { DATASYNTH_ROOT: '/env' }, '/cwd')).toEqual({
      kind: 'serve',
      root: '/data',
    });
    expect(parseServerArguments(['--root=/data'], {}, '/cwd')).toEqual({ kind: 'serve', root: '/data' });
    expect(parseServerArguments([], { DATASYNTH_ROOT: '/env' }, '/cwd')).toEqual({
      kind: 'serve',
      root: '/env',
    });
    expect(parseServerArguments([], { DATASYNTH_ROOT: ' ' }, '/cwd')).toEqual({
      kind: 'serve',
      root: '/cwd',
    });
  });

  it('takes the job reply bound in seconds and the confirmation threshold in dollars', () => {
    expect(
      parseServerArguments(
        ['--root', '/data', '--reply-within', '2.5', '--confirm-above', '0.25'],
        {},
        '/cwd',
      ),
    ).toEqual({ kind: 'serve', root: '/data', replyWithinMs: 2500, confirmAboveUsd: 0.25 });
    expect(() => parseServerArguments(['--reply-within', 'soon'], {}, '/cwd')).toThrow(
      "--reply-within takes a number of seconds (0 or more), got 'soon' (see --help)",
    );
    expect(() => parseServerArguments(['--confirm-above=-1'], {}, '/cwd')).toThrow(/--confirm-above takes/);
  });

  it('answers --version and --help', () => {
    expect(parseServerArguments(['--version'], {}, '/cwd')).toEqual({ kind: 'version' });
    expect(parseServerArguments(['-V'], {}, '/cwd')).toEqual({ kind: 'version' });
    expect(parseServerArguments(['--help'], {}, '/cwd')).toEqual({ kind: 'help' });
  });

  it('rejects unknown options and a --root without a value in one line', () => {
    expect(() => parseServerArguments(['--port', '3'], {}, '/cwd')).toThrow(
      /Unknown option '--port'.*\(see --help\)$/,
    );
    expect(() => parseServerArguments(['--root'], {}, '/cwd')).toThrow(/--root/);
    expect(() => parseServerArguments(['extra'], {}, '/cwd')).toThrow(/see --help/);
  });
});
