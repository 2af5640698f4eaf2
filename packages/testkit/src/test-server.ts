import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AnthropicBatches } from './anthropic-batches.js';
import { serveGeneration } from './generation-flow.js';
import { anthropicMessagesRoute, openaiChatRoute, serveCountTokens } from './generation-routes.js';
import { type HttpExchange, sendJson } from './http-exchange.js';
import { OpenAIBatches } from './openai-batches.js';
import { OpenAIFiles } from './openai-files.js';
import { PromptCache } from './prompt-cache.js';
import { providerError } from './provider-errors.js';
import { RateLimitBucket } from './rate-limit-bucket.js';
import { RateLimitWindow } from './rate-limit-window.js';
import { RecordEngine } from './record-engine.js';
import { IdFactory, type ServerContext, TimerSet } from './server-context.js';
import { StatsRecorder } from './stats-recorder.js';
import type { TestServer, TestServerOptions } from './test-server-types.js';

type RouteHandler = (exchange: HttpExchange, parameters: string[]) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  key: string;
  handler: RouteHandler;
}

/**
 * Starts the loopback LLM server: a real `node:http` server that speaks the Anthropic Messages and
 * OpenAI Chat Completions wire formats (plus both Batch APIs), so the official SDKs work unmodified
 * by `baseURL`. Close it with `close()` or `await using`.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const closing = new AbortController();
  const stats = new StatsRecorder();
  let baseUrl = '';
  const context: ServerContext = {
    options,
    engine: new RecordEngine({
      seed: options.seed ?? 1,
      ...(options.plant ? { plant: options.plant } : {}),
      enforceMaxTokens: options.enforceMaxTokens ?? false,
    }),
    stats,
    limits: options.tokenBucket
      ? new RateLimitBucket(options.tokenBucket)
      : new RateLimitWindow({
          ...(options.rpm !== undefined ? { rpm: options.rpm } : {}),
          ...(options.tpm !== undefined ? { tpm: options.tpm } : {}),
          windowMs: options.rateLimitWindowMs ?? 60_000,
        }),
    cache: new PromptCache(),
    ids: new IdFactory(),
    timers: new TimerSet(),
    url: () => baseUrl,
    closing: closing.signal,
  };
  const routes = buildRoutes(context);
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    socket.destroy();
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    const requestGone = new AbortController();
    const signal = AbortSignal.any([requestGone.signal, closing.signal]);
    response.on('close', () => requestGone.abort());
    const exchange: HttpExchange = { request, response, path, method, signal };
    const match = findRoute(routes, method, path);
    stats.requestStarted(match ? match.route.key : `${method} ${path}`);
    response.on('close', () => stats.requestEnded());
    try {
      if (!match) {
        request.resume();
        const provider =
          path.startsWith('/v1/messages') || request.headers['x-api-key'] ? 'anthropic' : 'openai';
        const error = providerError(provider, 'not_found', `Not found: ${method} ${path}`);
        sendJson(exchange, error.status, error.body);
        return;
      }
      await match.route.handler(exchange, match.parameters);
    } catch (error) {
      const failure = providerError('openai', 'server', `Test server failure: ${(error as Error).message}`);
      sendJson(exchange, failure.status, failure.body);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      context.timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };

  return {
    url: baseUrl,
    anthropicBaseURL: baseUrl,
    openaiBaseURL: `${baseUrl}/v1`,
    port: address.port,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    finishBatches: () => context.timers.runAll(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function buildRoutes(context: ServerContext): Route[] {
  const anthropic = anthropicMessagesRoute(context);
  const openai = openaiChatRoute(context);
  const anthropicBatches = new AnthropicBatches(context);
  const openaiFiles = new OpenAIFiles(context);
  const openaiBatches = new OpenAIBatches(context, openaiFiles);
  const route = (method: string, path: string, handler: RouteHandler): Route => ({
    method,
    key: `${method} ${path}`,
    pattern: new RegExp(`^${path.replace(/:[a-z_]+/g, '([^/]+)')}$`),
    handler,
  });
  return [
    route('POST', '/v1/messages', (exchange) => serveGeneration(exchange, context, anthropic)),
    route('POST', '/v1/messages/count_tokens', (exchange) => serveCountTokens(exchange, context)),
    route('POST', '/v1/chat/completions', (exchange) => serveGeneration(exchange, context, openai)),
    route('POST', '/v1/messages/batches', (exchange) => anthropicBatches.create(exchange)),
    route('GET', '/v1/messages/batches', (exchange) => anthropicBatches.store.list(exchange)),
    route('GET', '/v1/messages/batches/:id', (exchange, [id]) =>
      anthropicBatches.store.retrieve(exchange, id ?? ''),
    ),
    route('POST', '/v1/messages/batches/:id/cancel', (exchange, [id]) =>
      anthropicBatches.store.cancel(exchange, id ?? ''),
    ),
    route('GET', '/v1/messages/batches/:id/results', (exchange, [id]) =>
      anthropicBatches.results(exchange, id ?? ''),
    ),
    route('POST', '/v1/files', (exchange) => openaiFiles.uploadFile(exchange)),
    route('GET', '/v1/files/:id', (exchange, [id]) => openaiFiles.retrieveFile(exchange, id ?? '')),
    route('DELETE', '/v1/files/:id', (exchange, [id]) => openaiFiles.deleteFile(exchange, id ?? '')),
    route('GET', '/v1/files/:id/content', (exchange, [id]) => openaiFiles.fileContent(exchange, id ?? '')),
    route('POST', '/v1/batches', (exchange) => openaiBatches.create(exchange)),
    route('GET', '/v1/batches', (exchange) => openaiBatches.store.list(exchange)),
    route('GET', '/v1/batches/:id', (exchange, [id]) => openaiBatches.store.retrieve(exchange, id ?? '')),
    route('POST', '/v1/batches/:id/cancel', (exchange, [id]) =>
      openaiBatches.store.cancel(exchange, id ?? ''),
    ),
  ];
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; parameters: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, parameters: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return undefined;
}
