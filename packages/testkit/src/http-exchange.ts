import type { IncomingMessage, ServerResponse } from 'node:http';

/** One HTTP request/response pair being served. */
export interface HttpExchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** Path without the query string. */
  path: string;
  method: string;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

/** Reads the whole request body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON body; undefined when it is not valid JSON. */
export function parseJson(body: Buffer): unknown | undefined {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Writes a JSON response unless the client is already gone. */
export function sendJson(
  exchange: HttpExchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): boolean {
  return sendText(exchange, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/** Writes a text response unless the client is already gone; false when it could not be sent. */
export function sendText(
  exchange: HttpExchange,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): boolean {
  const { response } = exchange;
  if (response.headersSent || response.destroyed || exchange.signal.aborted) return false;
  const payload = Buffer.from(text, 'utf8');
  response.writeHead(status, { 'content-length': String(payload.length), ...headers });
  response.end(payload);
  return true;
}

/** Resolves after `ms` milliseconds, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when the signal aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
