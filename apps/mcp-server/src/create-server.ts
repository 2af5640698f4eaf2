import { createSecretRedactor } from '@datasynth/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import packageJson from '../package.json' with { type: 'json' };
import { SynthesisJobs } from './jobs/synthesis-jobs.js';
import { OutputLocks } from './output-locks.js';
import { createPathPolicy } from './path-policy.js';
import type { ToolContext } from './tool-context.js';
import { registerCancelSynthesisTool } from './tools/cancel-synthesis.js';
import { registerConvertDataTool } from './tools/convert-data.js';
import { registerEstimateSynthesisCostTool } from './tools/estimate-synthesis-cost.js';
import { registerParseSynthesisResultTool } from './tools/parse-synthesis-result.js';
import { registerPrepareSynthesisTool } from './tools/prepare-synthesis.js';
import { registerSynthesisStatsTool } from './tools/synthesis-stats.js';
import { registerSynthesisStatusTool } from './tools/synthesis-status.js';
import { registerSynthesizeDataTool } from './tools/synthesize-data.js';
import { registerValidateDataTool } from './tools/validate-data.js';

/** What the server is built from. */
export interface ServerDependencies {
  /** Folder every path argument resolves against and must stay inside. Must exist. */
  root: string;
  /** Where API keys and base URLs are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Aborting it stops runs in progress (they stay resumable), e.g. on shutdown. */
  signal?: AbortSignal;
  /** Where diagnostics go (unexpected errors with their stack); default: nowhere. Never stdout. */
  log?: (line: string) => void;
  /**
   * Longest a `synthesize_data` call waits for its run (default {@link DEFAULT_REPLY_WITHIN_MS}): a
   * run expected to take longer answers at once with its job handle, and one still going when the
   * time is up answers then. Hosts time tool calls out (often after 60 s); jobs never depend on it.
   */
  replyWithinMs?: number;
  /**
   * Estimated USD above which `synthesize_data` asks the user to confirm, when the client supports
   * form elicitation and the call gives no `max_cost` (default {@link DEFAULT_CONFIRM_ABOVE_USD}).
   */
  confirmAboveUsd?: number;
}

/** Default of {@link ServerDependencies.replyWithinMs}: "within a few seconds". */
export const DEFAULT_REPLY_WITHIN_MS = 5_000;

/** Default of {@link ServerDependencies.confirmAboveUsd}. */
export const DEFAULT_CONFIRM_ABOVE_USD = 1;

/**
 * Creates the DataSynth MCP server with its tools registered: `prepare_synthesis`,
 * `parse_synthesis_result`, `synthesize_data` with `synthesis_status` and `cancel_synthesis` for
 * its jobs, `estimate_synthesis_cost`, `validate_data`, `synthesis_stats` and `convert_data`.
 * Connect it to a transport to serve. Throws when the root does not exist.
 */
export function createServer(deps: ServerDependencies): McpServer {
  const env = deps.env ?? process.env;
  const policy = createPathPolicy(deps.root);
  const context: ToolContext = {
    policy,
    env,
    outputs: new OutputLocks(),
    redact: createSecretRedactor(env),
    log: deps.log ?? (() => {}),
    shutdown: deps.signal ?? new AbortController().signal,
    jobs: new SynthesisJobs(),
    replyWithinMs: deps.replyWithinMs ?? DEFAULT_REPLY_WITHIN_MS,
    confirmAboveUsd: deps.confirmAboveUsd ?? DEFAULT_CONFIRM_ABOVE_USD,
  };
  const server = new McpServer(
    { name: 'datasynth', title: 'DataSynth', version: packageJson.version },
    {
      instructions: [
        'DataSynth turns a dataset schema and a few seed records into many valid, deduplicated training records.',
        `Paths are relative to the server root ${policy.root}; paths outside it are refused.`,
        'Without an API key: prepare_synthesis builds a prompt, you write the records, parse_synthesis_result validates, deduplicates and saves them.',
        'With ANTHROPIC_API_KEY or OPENAI_API_KEY set for the server: synthesize_data generates them directly (estimate_synthesis_cost first for large runs).',
        'A long synthesize_data run continues as a job keyed by its output path: follow it with synthesis_status, stop it with cancel_synthesis, continue a stopped one with resume: true.',
        'validate_data, synthesis_stats and convert_data check, describe and convert the result.',
      ].join(' '),
    },
  );
  registerPrepareSynthesisTool(server, context);
  registerParseSynthesisResultTool(server, context);
  registerSynthesizeDataTool(server, context);
  registerSynthesisStatusTool(server, context);
  registerCancelSynthesisTool(server, context);
  registerEstimateSynthesisCostTool(server, context);
  registerValidateDataTool(server, context);
  registerSynthesisStatsTool(server, context);
  registerConvertDataTool(server, context);
  return server;
}
