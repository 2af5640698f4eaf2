import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RealServer, realServer, removeLaneDirs } from './real-lane.js';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.js';

/** The bundled Self-Instruct example the lane's runs use. */
export const SELF_INSTRUCT_DIR = path.resolve(import.meta.dirname, '../../../examples/self-instruct');

/** What a lane file runs against: the real server, and the recording proxy in front of it. */
export interface RealLane {
  readonly server: RealServer;
  /** Started before the file's first test; reading it earlier throws. */
  readonly proxy: RecordingProxy;
}

/**
 * Registers a lane file's setup: a recording proxy in front of the real server before its tests;
 * after them, the proxy closed and the lane's folders removed.
 */
export function useRealLane(): RealLane {
  const server = realServer();
  let proxy: RecordingProxy | undefined;
  beforeAll(async () => {
    proxy = await startRecordingProxy(server.baseURL);
  });
  afterAll(async () => {
    await proxy?.close();
    removeLaneDirs();
  });
  return {
    server,
    get proxy(): RecordingProxy {
      if (!proxy) throw new Error('The recording proxy starts before the first test; read it inside a test.');
      return proxy;
    },
  };
}
