import { describeJudgeAgreement, type SynthesisEvent, type SynthesisProgress } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { Messages, PacingField } from '../i18n/messages.js';
import { displayWidth } from './display-width.js';
import { formatCompact, formatDuration } from './format-values.js';
import type { Output } from './output.js';

/** How often plain (non-TTY) progress lines may appear. */
export const PLAIN_PROGRESS_INTERVAL_MS = 2000;
const LIVE_REDRAW_INTERVAL_MS = 100;

/**
 * Renders run events on stderr: on a terminal, one live line redrawn in place; elsewhere (CI, pipes,
 * log files), a plain line at most every 2 s and one at the end. Warnings interrupt either cleanly.
 */
export class ProgressReporter {
  readonly #output: Output;
  readonly #messages: Messages;
  readonly #live: boolean;
  readonly #columns: number;
  readonly #now: () => number;
  #last: SynthesisProgress | undefined;
  #lastDrawAt = Number.NEGATIVE_INFINITY;
  #lastDrawn: SynthesisProgress | undefined;
  #liveLineShown = false;
  #stopping = false;

  constructor(output: Output, messages: Messages, options: { now?: () => number } = {}) {
    this.#output = output;
    this.#messages = messages;
    this.#live = output.io.stderrIsTTY && !output.settings.quiet;
    // A pseudo-terminal may report 0 columns; fall back to a common width.
    const columns = output.io.stderrColumns ?? 0;
    this.#columns = columns >= 20 ? columns : 100;
    this.#now = options.now ?? Date.now;
  }

  /** Feeds one event from `DataSynthesizer`. */
  handle(event: SynthesisEvent): void {
    switch (event.type) {
      case 'start':
        this.line(this.#messages.progress.start(event.target, event.model, event.provider, event.output));
        if (event.alreadyAccepted > 0) this.line(this.#messages.progress.resuming(event.alreadyAccepted));
        if (event.estimatedCost !== undefined) {
          this.line(this.#messages.progress.estimatedCost(formatUsd(event.estimatedCost)));
        }
        return;
      case 'progress':
        this.#last = event.progress;
        this.#draw(false);
        return;
      case 'warning':
        this.line(this.#messages.progress.warning(event.message));
        return;
      case 'judge-gold': {
        // The agreement line; a warning about a self-judging model arrives as a warning event.
        const [agreement] = describeJudgeAgreement(event.report);
        if (agreement) this.line(agreement);
        return;
      }
      case 'batch':
        this.line(this.#messages.progress.batch(event.action, event.batchId, event.requests));
        return;
      case 'finished':
        return;
    }
  }

  /** Prints a whole line on stderr without tearing the live progress line. */
  line(text: string): void {
    if (this.#output.settings.quiet) return;
    this.#clearLive();
    this.#output.info(text);
    if (this.#live && this.#last) this.#draw(true);
  }

  /**
   * The run is stopping (Ctrl-C): says so, and from now on shows no ETA, which would promise a
   * finish that is not coming.
   */
  stopping(notice: string): void {
    this.#stopping = true;
    this.line(notice);
  }

  /** Ends the display: the last state as a plain, final line. */
  finish(): void {
    if (this.#output.settings.quiet) return;
    this.#clearLive();
    if (this.#last) this.#output.info(this.#format(this.#last));
  }

  #draw(force: boolean): void {
    if (this.#output.settings.quiet || !this.#last) return;
    const now = this.#now();
    const interval = this.#live ? LIVE_REDRAW_INTERVAL_MS : PLAIN_PROGRESS_INTERVAL_MS;
    if (!force && now - this.#lastDrawAt < interval) return;
    this.#lastDrawAt = now;
    const text = this.#format(this.#last);
    if (this.#live) {
      this.#output.io.stderr.write(`\r\x1b[2K${truncate(text, this.#columns - 1)}`);
      this.#liveLineShown = true;
    } else if (this.#lastDrawn !== this.#last) {
      this.#output.info(text);
    }
    this.#lastDrawn = this.#last;
  }

  #clearLive(): void {
    if (this.#liveLineShown) {
      this.#output.io.stderr.write('\r\x1b[2K');
      this.#liveLineShown = false;
    }
  }

  #format(progress: SynthesisProgress): string {
    const usage = progress.usage;
    const tokens = usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    return this.#messages.progress.line({
      accepted: progress.accepted,
      target: progress.target,
      rejected: progress.rejected,
      duplicates: progress.duplicates.exact + progress.duplicates.near,
      inFlight: progress.inFlight,
      retries: progress.retries,
      pacing: pacingFields(progress),
      tokens: formatCompact(tokens),
      cost: progress.cost === undefined ? undefined : formatUsd(progress.cost),
      projected: progress.projectedCost === undefined ? undefined : formatUsd(progress.projectedCost),
      eta:
        this.#stopping || progress.etaMs === undefined || progress.accepted >= progress.target
          ? undefined
          : formatDuration(progress.etaMs),
      batch:
        progress.batch && progress.batch.processing > 0
          ? { done: progress.batch.requests - progress.batch.processing, total: progress.batch.requests }
          : undefined,
    });
  }
}

/** The progress's pacing limits, requests first, each figure in compact form (`60`, `40.0k`). */
function pacingFields(progress: SynthesisProgress): PacingField[] {
  const kinds = ['requests', 'tokens', 'inputTokens', 'outputTokens'] as const;
  return kinds.flatMap((kind) => {
    const limit = progress.pacing?.[kind];
    return limit ? [{ kind, perMinute: formatCompact(limit.perMinute), source: limit.source }] : [];
  });
}

function truncate(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let result = '';
  for (const character of text) {
    if (displayWidth(`${result}${character}…`) > columns) break;
    result += character;
  }
  return `${result}…`;
}
