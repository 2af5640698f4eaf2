import { startTestServer, type TestServer, type TestServerOptions } from '@datasynth/testkit';
import { onTestFinished } from 'vitest';

/** A loopback model server for the current test only: closed when the test finishes. */
export async function serveForTest(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  onTestFinished(() => server.close());
  return server;
}
