import { parseArgs } from 'node:util';

/** What the command line asks the server process to do. */
export type ServerCommand =
  | { kind: 'serve'; root: string; replyWithinMs?: number; confirmAboveUsd?: number }
  | { kind: 'version' }
  | { kind: 'help' };

/** The `--help` text. */
export const USAGE = `Usage: datasynth-mcp [--root <dir>]

Serves the DataSynth tools over MCP on stdin/stdout (logs go to stderr).

Options:
  --root <dir>            folder that tool paths resolve against and must stay inside
                          (default: $DATASYNTH_ROOT, else the current directory)
  --reply-within <s>      longest synthesize_data waits for its run before answering
                          with a job handle (default 5 seconds)
  --confirm-above <usd>   estimated cost above which a client that supports
                          elicitation is asked to confirm (default 1; max_cost skips it)
  --version               print the version
  --help                  print this help

Environment: ANTHROPIC_API_KEY, OPENAI_API_KEY, ANTHROPIC_BASE_URL, OPENAI_BASE_URL, DATASYNTH_ROOT.
`;

/**
 * Reads the server's command line. The root is `--root`, else `DATASYNTH_ROOT`, else `cwd`.
 * Throws a one-line Error for an unknown option or a missing value.
 */
export function parseServerArguments(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ServerCommand {
  let values: {
    root?: string | undefined;
    'reply-within'?: string | undefined;
    'confirm-above'?: string | undefined;
    version?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        'reply-within': { type: 'string' },
        'confirm-above': { type: 'string' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const root = values.root ?? (env.DATASYNTH_ROOT?.trim() || undefined) ?? cwd;
  const replyWithin = nonNegativeNumber(values['reply-within'], '--reply-within', 'a number of seconds');
  const confirmAbove = nonNegativeNumber(
    values['confirm-above'],
    '--confirm-above',
    'an amount in US dollars',
  );
  return {
    kind: 'serve',
    root,
    ...(replyWithin !== undefined && { replyWithinMs: Math.round(replyWithin * 1000) }),
    ...(confirmAbove !== undefined && { confirmAboveUsd: confirmAbove }),
  };
}

function nonNegativeNumber(value: string | undefined, option: string, what: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new Error(`${option} takes ${what} (0 or more), got '${value}' (see --help)`);
  }
  return number;
}
