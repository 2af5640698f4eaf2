import { BatchStore, type BatchWireFormat } from './batch-store.js';
import { type HttpExchange, parseJson, sendJson } from './http-exchange.js';
import { isPlainObject } from './json-schema.js';
import { invalidOpenAIRequest, OpenAIReplies, unixSeconds } from './openai-api-replies.js';
import { answerOpenAI, parseOpenAIRequest } from './openai-chat.js';
import type { OpenAIFiles } from './openai-files.js';
import { type ErrorResponse, providerError } from './provider-errors.js';
import type { SeededRandom } from './seeded-random.js';
import type { ServerContext } from './server-context.js';

interface BatchLine {
  customId: string;
  body: unknown;
  url: unknown;
  random: SeededRandom;
}

interface OpenAIBatch {
  id: string;
  endpoint: string;
  inputFileId: string;
  createdAt: number;
  status:
    | 'validating'
    | 'failed'
    | 'in_progress'
    | 'finalizing'
    | 'completed'
    | 'expired'
    | 'cancelling'
    | 'cancelled';
  lines: BatchLine[];
  errors: unknown;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
  times: Partial<
    Record<
      'in_progress' | 'finalizing' | 'completed' | 'failed' | 'expired' | 'cancelling' | 'cancelled',
      number
    >
  >;
  metadata: unknown;
}

/** The OpenAI Batch API (`/v1/batches…`) over the in-memory Files API, processed in memory. */
export class OpenAIBatches implements BatchWireFormat<OpenAIBatch> {
  readonly replies: OpenAIReplies;
  /** List, retrieve and cancel, shared with the other batch APIs. */
  readonly store: BatchStore<OpenAIBatch>;
  readonly #context: ServerContext;
  readonly #files: OpenAIFiles;

  constructor(context: ServerContext, files: OpenAIFiles) {
    this.#context = context;
    this.#files = files;
    this.replies = new OpenAIReplies(context);
    this.store = new BatchStore(context, this);
  }

  /** `POST /v1/batches`. */
  async create(exchange: HttpExchange): Promise<void> {
    const raw = await this.replies.authorizedBody(exchange);
    if (!raw) return;
    const body = parseJson(raw);
    if (!isPlainObject(body))
      return this.#fail(exchange, invalidOpenAIRequest('Request body is not valid JSON.'));
    const file = typeof body.input_file_id === 'string' ? this.#files.get(body.input_file_id) : undefined;
    if (!file)
      return this.#fail(
        exchange,
        invalidOpenAIRequest(`No such File object: ${String(body.input_file_id)}`, 'input_file_id'),
      );
    if (body.endpoint !== '/v1/chat/completions') {
      return this.#fail(
        exchange,
        invalidOpenAIRequest(
          "Invalid 'endpoint': the test server supports '/v1/chat/completions'.",
          'endpoint',
        ),
      );
    }
    if (body.completion_window !== '24h') {
      return this.#fail(
        exchange,
        invalidOpenAIRequest("Invalid 'completion_window': expected '24h'.", 'completion_window'),
      );
    }
    const lines: BatchLine[] = [];
    const lineErrors: unknown[] = [];
    file.content
      .toString('utf8')
      .split('\n')
      .forEach((text, index) => {
        if (text.trim() === '') return;
        const line = parseJson(Buffer.from(text));
        if (!isPlainObject(line) || typeof line.custom_id !== 'string' || !isPlainObject(line.body)) {
          lineErrors.push({
            code: 'invalid_json_line',
            message: 'This line is not a valid batch request.',
            param: null,
            line: index + 1,
          });
          return;
        }
        lines.push({
          customId: line.custom_id,
          body: line.body,
          url: line.url,
          random: this.#context.engine.requestRandom(),
        });
      });
    const batch: OpenAIBatch = {
      id: this.#context.ids.next('batch_testkit_'),
      endpoint: body.endpoint,
      inputFileId: file.id,
      createdAt: unixSeconds(),
      status: 'validating',
      lines,
      errors: null,
      outputFileId: null,
      errorFileId: null,
      counts: { total: lines.length, completed: 0, failed: 0 },
      times: {},
      metadata: body.metadata ?? null,
    };
    const view = this.view(batch);
    const failed = lineErrors.length > 0 || lines.length === 0;
    if (failed) {
      batch.status = 'failed';
      batch.times.failed = unixSeconds();
      batch.errors = {
        object: 'list',
        data:
          lineErrors.length > 0
            ? lineErrors
            : [{ code: 'empty_file', message: 'The input file is empty.', param: null, line: null }],
      };
    } else {
      batch.status = 'in_progress';
      batch.times.in_progress = unixSeconds();
    }
    this.store.add(batch, !failed);
    sendJson(exchange, 200, view, this.replies.headers());
  }

  listPage(data: { id: string }[]): Record<string, unknown> {
    return {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: false,
    };
  }

  notFound(id: string): ErrorResponse {
    return providerError('openai', 'not_found', `No batch found with id '${id}'.`, { param: 'id' });
  }

  beginCancel(batch: OpenAIBatch): boolean {
    if (batch.status !== 'validating' && batch.status !== 'in_progress') return false;
    batch.status = 'cancelling';
    batch.times.cancelling = unixSeconds();
    return true;
  }

  finish(batch: OpenAIBatch): void {
    if (batch.status !== 'in_progress' && batch.status !== 'cancelling') return;
    if (batch.status === 'cancelling') {
      batch.status = 'cancelled';
      batch.times.cancelled = unixSeconds();
      return;
    }
    const outputs: string[] = [];
    const errors: string[] = [];
    if (this.#context.options.batch?.expireAll) {
      for (const line of batch.lines) {
        errors.push(
          JSON.stringify({
            id: this.#context.ids.next('batch_req_testkit_'),
            custom_id: line.customId,
            response: null,
            error: {
              code: 'batch_expired',
              message: 'This request could not be executed before the completion window expired.',
            },
          }),
        );
      }
      batch.counts.failed = batch.lines.length;
      batch.status = 'expired';
      batch.times.expired = unixSeconds();
    } else {
      for (const line of batch.lines) {
        const result = this.#process(line);
        if (result.ok) {
          outputs.push(result.line);
          batch.counts.completed += 1;
        } else {
          errors.push(result.line);
          batch.counts.failed += 1;
        }
      }
      batch.status = 'completed';
      batch.times.finalizing = unixSeconds();
      batch.times.completed = unixSeconds();
    }
    if (outputs.length > 0)
      batch.outputFileId = this.#files.storeLines(`${batch.id}_output.jsonl`, 'batch_output', outputs);
    if (errors.length > 0)
      batch.errorFileId = this.#files.storeLines(`${batch.id}_error.jsonl`, 'batch_output', errors);
  }

  #process(line: BatchLine): { ok: boolean; line: string } {
    const id = this.#context.ids.next('batch_req_testkit_');
    const requestId = this.#context.ids.next('req_testkit');
    if (line.random.next() < (this.#context.options.batch?.errorRate ?? 0)) {
      return {
        ok: false,
        line: JSON.stringify({
          id,
          custom_id: line.customId,
          response: null,
          error: { code: 'server_error', message: 'The server had an error while processing this request.' },
        }),
      };
    }
    const parsed =
      line.url === '/v1/chat/completions'
        ? parseOpenAIRequest(line.body, {
            rejectJsonSchema: this.#context.options.rejectJsonSchema ?? false,
            rejectJsonObject: this.#context.options.rejectJsonObject ?? false,
          })
        : invalidOpenAIRequest(
            `Invalid 'url' ${String(line.url)}: batch lines must target /v1/chat/completions.`,
            'url',
          );
    if ('status' in parsed) {
      return {
        ok: false,
        line: JSON.stringify({
          id,
          custom_id: line.customId,
          response: { status_code: parsed.status, request_id: requestId, body: parsed.body },
          error: null,
        }),
      };
    }
    this.#context.stats.structured(parsed.mode);
    const { completion, answer, usage } = answerOpenAI(this.#context, parsed, {
      outcome: 'complete',
      random: line.random,
    });
    this.#context.engine.commit(answer);
    this.#context.stats.delivered(usage, answer.delivered);
    return {
      ok: true,
      line: JSON.stringify({
        id,
        custom_id: line.customId,
        response: { status_code: 200, request_id: requestId, body: completion },
        error: null,
      }),
    };
  }

  view(batch: OpenAIBatch) {
    const at = (key: keyof OpenAIBatch['times']) => batch.times[key] ?? null;
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.endpoint,
      errors: batch.errors,
      input_file_id: batch.inputFileId,
      completion_window: '24h',
      status: batch.status,
      output_file_id: batch.outputFileId,
      error_file_id: batch.errorFileId,
      created_at: batch.createdAt,
      in_progress_at: at('in_progress'),
      expires_at: batch.createdAt + 24 * 3600,
      finalizing_at: at('finalizing'),
      completed_at: at('completed'),
      failed_at: at('failed'),
      expired_at: at('expired'),
      cancelling_at: at('cancelling'),
      cancelled_at: at('cancelled'),
      request_counts: { ...batch.counts },
      metadata: batch.metadata,
    };
  }

  #fail(exchange: HttpExchange, error: ErrorResponse): void {
    this.replies.fail(exchange, error);
  }
}
