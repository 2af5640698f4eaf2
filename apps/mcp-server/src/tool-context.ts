import type { SynthesisJobs } from './jobs/synthesis-jobs.js';
import type { OutputLocks } from './output-locks.js';
import type { PathPolicy } from './path-policy.js';

/** What every tool handler gets from `createServer`. */
export interface ToolContext {
  /** Resolves and checks every path argument against the server root. */
  policy: PathPolicy;
  /** Where keys and base URLs are read from (the server's environment by default). */
  env: NodeJS.ProcessEnv;
  /** One writer per output file. */
  outputs: OutputLocks;
  /** Removes the environment's secrets from a value before it leaves the server. */
  redact: <T>(value: T) => T;
  /** Writes a diagnostic line (to stderr in the real server; never to stdout). */
  log: (line: string) => void;
  /** Aborted when the server shuts down: runs in progress stop and stay resumable. */
  shutdown: AbortSignal;
  /** The synthesis jobs of this server process, by output file. */
  jobs: SynthesisJobs;
  /** Longest a `synthesize_data` call waits for its run before answering with the job handle. */
  replyWithinMs: number;
  /** Estimated USD above which a client that can elicit is asked to confirm (unless `max_cost` is set). */
  confirmAboveUsd: number;
}
