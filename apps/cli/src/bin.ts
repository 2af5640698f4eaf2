import { runCli } from './run-cli.js';

// `datasynth … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const exitCode = await runCli(process.argv.slice(2));
process.exitCode = exitCode;
// Leave when the work is done even if a library left a socket or timer open (an unref'd timer only
// fires while something else keeps the process alive).
setTimeout(() => process.exit(exitCode), 50).unref();
