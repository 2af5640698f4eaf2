import {
  DataSynthesizer,
  type InputSource,
  JournalError,
  OutputError,
  SynthesisError,
  type SynthesisResult,
} from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES, exitCodeForStop } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { withSettingFlags } from '../errors/setting-flags.js';
import { resolveConfig } from '../options/resolve-config.js';
import type { RunOutputOptions } from '../options/run-output-options.js';
import { estimateJson, formatEstimate } from '../render/estimate-report.js';
import { oneLine } from '../render/one-line.js';
import { ProgressReporter } from '../render/progress-reporter.js';
import { formatRunSummary } from '../render/run-summary.js';
import { installInterruptHandler } from './interrupt-handler.js';
import { resumeCommand } from './resume-command.js';

/**
 * The action shared by `generate` and `create`: settings from flags and config, then either an
 * estimate (`--dry-run`) or one run of core's pipeline, rendered, with an exit code from how it ended.
 */
export async function runSynthesis(
  context: CliContext,
  command: Command,
  source: InputSource,
  options: RunOutputOptions,
): Promise<void> {
  const { output, messages } = context;
  const config = resolveConfig(command, context.io.env, messages);
  output.debug(`settings: ${JSON.stringify(config)}`);
  const synthesizer = new DataSynthesizer(config);

  if (options.dryRun) {
    const estimate = synthesizer.estimate(source);
    for (const warning of estimate.warnings) output.warn(messages.progress.warning(warning));
    output.summary(formatEstimate(estimate, messages));
    output.json({ ...estimateJson(estimate), dryRun: true, exitCode: EXIT_CODES.ok });
    return;
  }
  if (options.resume && options.overwrite) {
    throw new ExitError(EXIT_CODES.usage, 'choose either --resume or --overwrite, not both');
  }

  const reporter = new ProgressReporter(output, messages);
  const interrupt = installInterruptHandler(() => reporter.stopping(messages.progress.cancelling));
  let result: SynthesisResult;
  let started = false;
  try {
    result = await synthesizer.synthesize({
      ...source,
      ...(options.output !== undefined && { output: options.output }),
      ...(options.resume && { resume: true }),
      ...(options.overwrite && { overwrite: true }),
      signal: interrupt.signal,
      onEvent: (event) => {
        if (event.type === 'start') started = true;
        reporter.handle(event);
      },
    });
  } catch (error) {
    if (!started) throw error;
    reporter.finish();
    throw startedRunFailure(error, context);
  } finally {
    interrupt.dispose();
  }
  reporter.finish();

  const exitCode = exitCodeForStop(result.stoppedBecause);
  output.summary(formatRunSummary(result, messages));
  output.json({ ...result, exitCode });
  if (result.stoppedBecause !== 'done') {
    const reason = {
      budget: messages.stop.budget,
      quota: messages.stop.quota,
      cancelled: messages.stop.cancelled,
      error: messages.stop.error,
      'max-attempts': messages.stop.maxAttempts,
      unreachable: messages.stop.unreachable,
    }[result.stoppedBecause];
    // Core's stop message is English and already says why; other languages lead with their own sentence.
    const stopMessage = result.stopMessage && withSettingFlags(result.stopMessage);
    const why =
      context.language === 'en'
        ? (stopMessage ?? reason)
        : `${reason}${stopMessage ? ` ${stopMessage}` : ''}`;
    // An unreachable server with nothing accepted leaves nothing behind: the same command runs again.
    const resumable = result.stoppedBecause !== 'unreachable' || result.generatedCount > 0;
    const resume = resumable ? ` ${messages.stop.resumeWith(resumeCommand(context.argv))}` : '';
    output.error(
      oneLine(
        `datasynth: ${result.suggestedMaxCost === undefined ? `${why}${resume}` : capStopLine(result, config.maxCost ?? 0, context)}`,
      ),
    );
  }
  context.exitCode = exitCode;
}

/**
 * After a stop by the cap, in the CLI's words: how far the run got, and the command that finishes
 * it, carrying `--max-cost` at the projected total (the cap counts the whole run).
 */
function capStopLine(result: SynthesisResult, maxCost: number, context: CliContext): string {
  const { stop } = context.messages;
  const cap = result.suggestedMaxCost ?? 0;
  const spent = formatUsd(result.wholeOutput.cost ?? 0);
  const reached = stop.capReached(formatUsd(maxCost), result.generatedCount, result.targetCount, spent);
  const command = resumeCommand(context.argv, { maxCost: cap });
  return `${reached} ${stop.resumeWithCap(cap.toFixed(2), spent, command)}`;
}

/**
 * A user-facing error thrown once the run had started (its journal or output could not be
 * written): the run exists and resumes once the cause is fixed, so it exits 1 (not 2, "nothing was
 * started") and names the resume command. Anything else is passed on unchanged.
 */
function startedRunFailure(error: unknown, context: CliContext): unknown {
  if (
    !SynthesisError.isInstance(error) &&
    !JournalError.isInstance(error) &&
    !OutputError.isInstance(error)
  ) {
    return error;
  }
  const resume = context.messages.stop.resumeWith(resumeCommand(context.argv));
  return new ExitError(EXIT_CODES.failure, oneLine(`${error.message} ${resume}`), {
    errorCode: error.code,
    cause: error,
  });
}
