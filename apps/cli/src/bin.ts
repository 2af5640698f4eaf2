import { runCli } from './run-cli.js';

const exitCode = await runCli(process.argv.slice(2));
process.exitCode = exitCode;
// Leave when the work is done even if a library left a socket or timer open (an unref'd timer only
// fires while something else keeps the process alive).
setTimeout(() => process.exit(exitCode), 50).unref();
