import { startTestServer, type TestServer } from '@datasynth/testkit';
import { onTestFinished } from 'vitest';

/** A loopback model server for the current test only: closed when the test finishes (for tests). */
export async function serveForTest(): Promise<TestServer> {
  const server = await startTestServer();
  onTestFinished(() => server.close());
  return server;
}
