import path from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { parseServerArguments, USAGE } from './server-arguments.js';

/** Time runs get to stop and save their journal after shutdown is asked for, before the process exits. */
const SHUTDOWN_GRACE_MS = 10_000;

// stdout carries the protocol only: anything that logs through console goes to stderr instead.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

function log(message: string): void {
  process.stderr.write(`datasynth-mcp: ${message}\n`);
}

async function main(): Promise<void> {
  let command: ReturnType<typeof parseServerArguments>;
  try {
    command = parseServerArguments(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    log((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // Loaded only to serve, so --version and --help answer at once.
  const [{ createServer }, { BoundedStdioTransport, MAX_MESSAGE_BYTES }] = await Promise.all([
    import('./create-server.js'),
    import('./bounded-stdio-transport.js'),
  ]);
  const shutdown = new AbortController();
  let server: ReturnType<typeof createServer>;
  try {
    server = createServer({
      root: command.root,
      env: process.env,
      signal: shutdown.signal,
      log,
      ...(command.replyWithinMs !== undefined && { replyWithinMs: command.replyWithinMs }),
      ...(command.confirmAboveUsd !== undefined && { confirmAboveUsd: command.confirmAboveUsd }),
    });
  } catch (error) {
    log((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const stop = (why: string): void => {
    if (shutdown.signal.aborted) return;
    log(`${why}: stopping (runs in progress are saved and can be resumed)`);
    shutdown.abort();
    void server.close();
    setTimeout(() => process.exit(process.exitCode ?? 0), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdin.on('end', () => stop('stdin closed'));
  await server.connect(
    new BoundedStdioTransport({
      onOversized: (bytes) =>
        log(
          `refused a ${(bytes / 1024 / 1024).toFixed(1)} MiB message (limit ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB); still serving`,
        ),
    }),
  );
  log(`${packageJson.version} serving ${path.resolve(command.root)} over stdio`);
}

main().catch((error: unknown) => {
  log(
    `unexpected error: ${error instanceof Error ? error.message : String(error)} (please report with datasynth-mcp --version)`,
  );
  process.exit(1);
});
