import { parseArgs } from 'node:util';

/** What the command line asks the server process to do. */
export type ServerCommand = { kind: 'serve'; root: string } | { kind: 'version' } | { kind: 'help' };

/** The `--help` text. */
export const USAGE = `Usage: datasynth-mcp [--root <dir>]

Serves the DataSynth tools over MCP on stdin/stdout (logs go to stderr).

Options:
  --root <dir>   folder that tool paths resolve against and must stay inside
                 (default: $DATASYNTH_ROOT, else the current directory)
  --version      print the version
  --help         print this help

Environment: ANTHROPIC_API_KEY, OPENAI_API_KEY, ANTHROPIC_BASE_URL, OPENAI_BASE_URL, DATASYNTH_ROOT.
`;

/**
 * Reads the server's command line. The root is `--root`, else `DATASYNTH_ROOT`, else `cwd`.
 * Throws a one-line Error for an unknown option or a missing value.
 */
export function parseServerArguments(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ServerCommand {
  let values: { root?: string | undefined; version?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
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
  return { kind: 'serve', root };
}
