const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/;
const DROPPED_FLAGS = new Set(['--resume', '--overwrite', '--dry-run']);

/**
 * The exact command line that continues this run: the same arguments, with `--resume` instead of
 * `--overwrite`, and — after a stop by the cap — `--max-cost` set to `maxCost` in place of any given.
 */
export function resumeCommand(argv: readonly string[], options: { maxCost?: number } = {}): string {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (DROPPED_FLAGS.has(argument)) continue;
    if (options.maxCost !== undefined && argument === '--max-cost') {
      index += 1; // its value
      continue;
    }
    if (options.maxCost !== undefined && argument.startsWith('--max-cost=')) continue;
    kept.push(argument);
  }
  const cap = options.maxCost === undefined ? [] : ['--max-cost', options.maxCost.toFixed(2)];
  return ['datasynth', ...kept, ...cap, '--resume'].map(shellQuote).join(' ');
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(argument: string): string {
  if (argument !== '' && SAFE_ARGUMENT.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}
