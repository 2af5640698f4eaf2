import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };

/** Builds the `datasynth` command tree. Each command lives in its own file under `commands/`. */
export function createProgram(): Command {
  const program = new Command('datasynth')
    .description(
      'Turn a schema and a few seed records into thousands of valid, deduplicated LLM training records.',
    )
    .version(packageJson.version, '-V, --version');
  return program;
}
