#!/usr/bin/env node
import { cliUsage, parseCliArguments } from './cli-options.js';
import { startTestServer } from './test-server.js';

const parsed = parseCliArguments(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(cliUsage);
  process.exit(0);
}
if (parsed.kind === 'error') {
  console.error(`datasynth-testkit: ${parsed.message}\n\n${cliUsage}`);
  process.exit(2);
}
const server = await startTestServer(parsed.options);
console.log(server.url);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
