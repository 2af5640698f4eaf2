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
// The first line stays the bare URL (scripts read it); the next two are what each SDK wants.
console.log(server.url);
console.log(`Anthropic base URL: ${server.anthropicBaseURL}   (ANTHROPIC_BASE_URL)`);
console.log(`OpenAI base URL:    ${server.openaiBaseURL}   (OPENAI_BASE_URL, --base-url)`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
