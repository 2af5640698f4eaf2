import { parseArgs } from 'node:util';
import { faultOrder } from './fault-draw.js';
import type { TestServerFaults, TestServerOptions, TestServerPlant } from './test-server-types.js';

const plantKinds = ['exactDuplicate', 'nearDuplicate', 'invalid'] as const;
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Help text of the `datasynth-testkit` command. */
export const cliUsage = `Usage: datasynth-testkit [options]

Starts the DataSynth loopback LLM server (Anthropic + OpenAI wire formats) and prints its URL.

  --port <n>                port (default 0: any free port)
  --host <host>             interface (default 127.0.0.1)
  --seed <n>                PRNG seed (default 1)
  --rpm <n>                 requests per minute limit
  --tpm <n>                 tokens per minute limit
  --burst <seconds>         enforce --rpm/--tpm as token buckets holding this many seconds
                            of the rate (as the real APIs do) instead of a sliding window
  --no-limit-headers        with --burst: send no rate-limit headers, only 429s
  --latency <ms>            base latency per response
  --jitter <ms>             extra random latency 0..ms
  --batch-processing <ms>   time until a batch ends (default 50)
  --fault-<kind> <p>        fault probability per request (kebab or camel case); kinds:
                            ${faultOrder.map(kebab).join(', ')}
  --plant-<kind> <p>        plant probability per record; kinds:
                            ${plantKinds.map(kebab).join(', ')}
  -h, --help                this help`;

/** Outcome of parsing the command line. */
export type CliParseResult =
  | { kind: 'run'; options: TestServerOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

const numberFlags = ['port', 'seed', 'rpm', 'tpm', 'burst', 'latency', 'jitter', 'batch-processing'] as const;

/** Parses `datasynth-testkit` arguments (a leading `--`, as `pnpm start -- …` passes it, is ignored). */
export function parseCliArguments(argv: readonly string[]): CliParseResult {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const flags: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    'no-limit-headers': { type: 'boolean' },
  };
  for (const name of numberFlags) flags[name] = { type: 'string' };
  const camelAliases = new Map<string, string>();
  for (const flag of [
    ...faultOrder.map((kind) => `fault-${kind}`),
    ...plantKinds.map((kind) => `plant-${kind}`),
  ]) {
    flags[flag] = { type: 'string' };
    flags[kebab(flag)] = { type: 'string' };
    camelAliases.set(kebab(flag), flag);
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: flags, allowPositionals: false, strict: true }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };

  const problems: string[] = [];
  const numberFlag = (name: string, probability = false): number | undefined => {
    const raw = values[name] ?? values[camelAliases.get(name) ?? name];
    if (typeof raw !== 'string') return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (probability && value > 1)) {
      problems.push(
        `--${name} expects ${probability ? 'a probability between 0 and 1' : 'a non-negative number'}, got '${raw}'`,
      );
      return undefined;
    }
    return value;
  };
  const options: TestServerOptions = {};
  const assign = <K extends keyof TestServerOptions>(key: K, value: TestServerOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  assign('port', numberFlag('port'));
  assign('host', typeof values.host === 'string' ? values.host : undefined);
  assign('seed', numberFlag('seed'));
  const rpm = numberFlag('rpm');
  const tpm = numberFlag('tpm');
  const burstSeconds = numberFlag('burst');
  if (burstSeconds !== undefined) {
    if (rpm === undefined && tpm === undefined)
      problems.push('--burst needs --rpm or --tpm (the rates it holds)');
    options.tokenBucket = {
      burstSeconds,
      ...(rpm !== undefined && { requestsPerMinute: rpm }),
      ...(tpm !== undefined && { tokensPerMinute: tpm }),
      ...(values['no-limit-headers'] === true && { limitHeaders: false }),
    };
  } else {
    if (values['no-limit-headers'] === true) problems.push('--no-limit-headers needs --burst');
    assign('rpm', rpm);
    assign('tpm', tpm);
  }
  assign('latencyMs', numberFlag('latency'));
  assign('jitterMs', numberFlag('jitter'));
  const processingMs = numberFlag('batch-processing');
  if (processingMs !== undefined) options.batch = { processingMs };
  const faults: TestServerFaults = {};
  for (const kind of faultOrder) {
    const value = numberFlag(`fault-${kebab(kind)}`, true);
    if (value !== undefined) faults[kind] = value;
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  const plant: TestServerPlant = {};
  for (const kind of plantKinds) {
    const value = numberFlag(`plant-${kebab(kind)}`, true);
    if (value !== undefined) plant[kind] = value;
  }
  if (Object.keys(plant).length > 0) options.plant = plant;
  if (problems.length > 0) return { kind: 'error', message: problems.join('\n') };
  return { kind: 'run', options };
}
