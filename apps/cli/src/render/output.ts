import type { CliIo } from '../io/cli-io.js';

/** How chatty the CLI is, from the global flags. */
export interface OutputSettings {
  /** `--quiet`: only errors (and what was explicitly asked for: `--json`, a prompt on stdout). */
  quiet: boolean;
  /** `--json`: exactly one JSON document on stdout, nothing else there. */
  json: boolean;
  /** `-v`: details and stacks on stderr. */
  verbose: boolean;
}

/**
 * The one place that decides which stream a line goes to: progress, notes and warnings to stderr,
 * summaries and products to stdout, JSON alone on stdout.
 */
export class Output {
  readonly io: CliIo;
  readonly settings: OutputSettings;
  #wroteJson = false;

  constructor(io: CliIo, settings: OutputSettings) {
    this.io = io;
    this.settings = settings;
  }

  /** A note for a person (stderr), silenced by `--quiet`. */
  info(line: string): void {
    if (!this.settings.quiet) this.io.stderr.write(`${line}\n`);
  }

  /** A warning (stderr), silenced by `--quiet`. */
  warn(line: string): void {
    if (!this.settings.quiet) this.io.stderr.write(`${line}\n`);
  }

  /** A detail only `-v` shows (stderr). */
  debug(line: string): void {
    if (this.settings.verbose && !this.settings.quiet) this.io.stderr.write(`${line}\n`);
  }

  /** The human-readable result (stdout); replaced by the JSON document under `--json`, silenced by `--quiet`. */
  summary(text: string): void {
    if (!this.settings.json && !this.settings.quiet)
      this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** What the user asked the command to print (stdout), shown even with `--quiet`; replaced by JSON under `--json`. */
  product(text: string): void {
    if (!this.settings.json) this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** The JSON document of `--json` (stdout); a no-op otherwise. */
  json(value: unknown): void {
    if (!this.settings.json) return;
    this.#wroteJson = true;
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Whether the `--json` document was written already (a late crash must not add a second one). */
  get wroteJson(): boolean {
    return this.#wroteJson;
  }

  /** An error line (stderr), never silenced. */
  error(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }
}
