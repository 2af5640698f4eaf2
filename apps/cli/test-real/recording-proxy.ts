import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions exchange as it crossed the proxy. */
export interface RecordedCall {
  /** `response_format.type` of the request, `none` when it asked for none. */
  responseFormat: string;
  /** Whether the response format carried a schema (`json_schema.schema`, or llama.cpp's `schema` in JSON mode). */
  hasSchema: boolean;
  maxTokens: number | undefined;
  /** HTTP status of the answer; 0 while none came (in flight, or abandoned by the client). */
  status: number;
  /** `choices[0].finish_reason` of the answer, when it was JSON. */
  finishReason: string | undefined;
  durationMs: number;
}

/** A loopback HTTP proxy in front of the real server that records what was asked and answered. */
export interface RecordingProxy {
  /** Base URL to give the CLI or the library (`…/v1`). */
  baseURL: string;
  /** The chat-completions calls recorded since the last {@link RecordingProxy.take}. */
  take(): RecordedCall[];
  close(): Promise<void>;
}

/**
 * Starts the proxy on a free loopback port. It forwards every request unchanged to `target` (the
 * real server's `…/v1`) and reads the body of each `POST …/chat/completions` both ways, so the lane
 * can tell which structured-output mode was negotiated on the wire rather than trusting our own
 * adapter's idea of it.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const upstreamPrefix = upstream.pathname.replace(/\/$/, '');
  let calls: RecordedCall[] = [];
  const server = http.createServer((request, response) => {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = `${upstreamPrefix}${(request.url ?? '/').replace(/^\/v1/, '')}`;
      // Recorded when asked, so a call the client abandons (its timeout) is still counted.
      const call =
        request.method === 'POST' && path.endsWith('/chat/completions') ? describeRequest(body) : undefined;
      if (call) calls.push(call);
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path,
          headers: { ...request.headers, host: upstream.host, 'content-length': String(body.length) },
        },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const answerBody = Buffer.concat(answerChunks);
            if (call) {
              call.status = answer.statusCode ?? 0;
              call.finishReason = finishReasonOf(answerBody);
              call.durationMs = Date.now() - startedAt;
            }
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(answerBody);
          });
        },
      );
      forwarded.on('error', () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      // A client that gives up (its timeout) abandons the upstream call too, as a direct call would.
      response.on('close', () => {
        if (!response.writableFinished) forwarded.destroy();
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function describeRequest(requestBody: Buffer): RecordedCall {
  const request = parseObject(requestBody);
  const format = asObject(request?.response_format);
  const jsonSchema = asObject(format?.json_schema);
  const maxTokens = request?.max_tokens ?? request?.max_completion_tokens;
  return {
    responseFormat: typeof format?.type === 'string' ? format.type : 'none',
    hasSchema: asObject(jsonSchema?.schema) !== undefined || asObject(format?.schema) !== undefined,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    status: 0,
    finishReason: undefined,
    durationMs: 0,
  };
}

function finishReasonOf(answerBody: Buffer): string | undefined {
  const choice = asObject((parseObject(answerBody)?.choices as unknown[] | undefined)?.[0]);
  return typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined;
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
