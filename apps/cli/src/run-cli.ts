import { createCliContext } from './cli-context.js';
import { describeFailure } from './errors/describe-failure.js';
import { EXIT_CODES } from './errors/exit-codes.js';
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
  // A throw outside the command's promise chain (a library callback) still ends as one line, and
  // under --json as one document on stdout.
  const onCrash = (error: unknown) => {
    const report = describeFailure(error, context.messages, CLI_VERSION);
    const message = report.message ?? 'unexpected error';
    io.stderr.write(`datasynth: ${message}\n`);
    if (!context.output.wroteJson) {
      context.output.json({ error: { code: report.code, message }, exitCode: EXIT_CODES.failure });
    }
    process.exit(EXIT_CODES.failure);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
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
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}
