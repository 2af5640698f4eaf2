import fs from 'node:fs';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, makeRoot, pollStatus, SENTINEL_KEY, scrubProviderEnv, textOf } from '../../test/harness.js';

scrubProviderEnv();

let server: TestServer;
beforeAll(async () => {
  // Batches end at once, so the first status check finds them done (the default poll is 30 s).
  server = await startTestServer({ seed: 8, batch: { processingMs: 0 } });
});
afterAll(async () => {
  await server.close();
});

describe('synthesize_data with batch_api', () => {
  it('runs through the provider batch API at the batch price', async () => {
    const root = fs.realpathSync(makeRoot());
    const { client, close } = await connect({
      root,
      env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
    });
    try {
      const result = (await client.callTool({
        name: 'synthesize_data',
        arguments: { analysis_dir: 'belle', count: 8, batch_size: 4, batch_api: true },
      })) as CallToolResult;
      expect(result.isError, textOf(result)).toBeFalsy();
      // Batch answers can take up to 24 h: the call answers at once, with the job to follow.
      expect(result.structuredContent).toMatchObject({
        state: 'running',
        next_step: {
          tool: 'synthesis_status',
          arguments: { output_path: 'belle/11_合成数据/synthetic.json' },
        },
      });
      expect(textOf(result)).toMatch(
        /^Estimated \$\d+\.\d{4} for 8 records with claude-sonnet-4-6, answered within 24 h \(batch API\)\./,
      );
      const { status } = await pollStatus(client, 'belle/11_合成数据/synthetic.json');
      expect(status).toMatchObject({ state: 'done', accepted: 8, resumable: false });
      expect(status.result).toMatchObject({
        stopped_because: 'done',
        generated_count: 8,
        requests: 2,
      });
      const stats = server.stats();
      expect(stats.requests['POST /v1/messages/batches']).toBe(1);
      expect(stats.requests['POST /v1/messages'] ?? 0).toBe(0);
    } finally {
      await close();
    }
  });
});
