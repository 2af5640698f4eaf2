import { createSecretRedactor } from '@datasynth/core';

/** A text sink; stdout and stderr both look like this. */
export interface TextSink {
  write(text: string): void;
}

/** Where the CLI reads and writes. Every write passes through secret redaction. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Whether stderr is a terminal (live progress line) or not (plain periodic lines). */
  stderrIsTTY: boolean;
  /** Width of the terminal behind stderr, when known. */
  stderrColumns: number | undefined;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
}

/** The real process streams, with every write redacted of secrets found in the environment. */
export function processIo(): CliIo {
  const redact = createSecretRedactor(process.env);
  return {
    stdout: { write: (text) => process.stdout.write(redact(text)) },
    stderr: { write: (text) => process.stderr.write(redact(text)) },
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
    env: process.env,
    stdin: process.stdin,
  };
}
