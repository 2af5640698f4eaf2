const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/;
const DROPPED_FLAGS = new Set(['--resume', '--overwrite', '--dry-run']);

/** The exact command line that continues this run: the same arguments, with `--resume` instead of `--overwrite`. */
export function resumeCommand(argv: readonly string[]): string {
  const kept = argv.filter((argument) => !DROPPED_FLAGS.has(argument));
  return ['datasynth', ...kept, '--resume'].map(shellQuote).join(' ');
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(argument: string): string {
  if (argument !== '' && SAFE_ARGUMENT.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}
