import { createCliContext } from './cli-context.js';
import { describeFailure } from './errors/describe-failure.js';
import { type CliIo, processIo } from './io/cli-io.js';
import { CLI_VERSION, createProgram } from './program.js';

/**
 * Runs `datasynth` with `argv` (the arguments after the script) and returns the exit code. The one
 * top-level error handler: every failure becomes a single `datasynth: …` line on stderr (its stack
 * only with `-v`), and under `--json` also one JSON document on stdout.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context = createCliContext(io, argv, CLI_VERSION);
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    const report = describeFailure(error, context.messages, CLI_VERSION);
    if (report.message !== undefined) {
      io.stderr.write(`datasynth: ${report.message}\n`);
      if (context.output.settings.verbose && error instanceof Error && error.stack) {
        io.stderr.write(`${error.stack}\n`);
      }
      context.output.json({
        error: { code: report.code, message: report.message },
        exitCode: report.exitCode,
      });
    }
    return report.exitCode;
  }
}
