import type { HttpExchange } from './http-exchange.js';
import { sendJson, sendText } from './http-exchange.js';
import { parseMultipartForm } from './multipart-form.js';
import { invalidOpenAIRequest, OpenAIReplies, unixSeconds } from './openai-api-replies.js';
import { providerError } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** One file held by the in-memory Files API. */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  createdAt: number;
  content: Buffer;
}

/** The OpenAI Files API (`/v1/files…`), held in memory; the Batch API reads inputs and writes results here. */
export class OpenAIFiles {
  readonly #context: ServerContext;
  readonly #replies: OpenAIReplies;
  readonly #files = new Map<string, StoredFile>();

  constructor(context: ServerContext) {
    this.#context = context;
    this.#replies = new OpenAIReplies(context);
  }

  /** `POST /v1/files` (multipart/form-data with `purpose` and `file`). */
  async uploadFile(exchange: HttpExchange): Promise<void> {
    const raw = await this.#replies.authorizedBody(exchange);
    if (!raw) return;
    const parts = parseMultipartForm(raw, exchange.request.headers['content-type']);
    const file = parts?.find((part) => part.name === 'file');
    const purpose = parts?.find((part) => part.name === 'purpose')?.data.toString('utf8');
    if (!file || !purpose) {
      return this.#replies.fail(
        exchange,
        invalidOpenAIRequest(
          "Missing required parameter: 'file' and 'purpose' must be sent as multipart/form-data.",
          'file',
        ),
      );
    }
    const stored = this.#store(file.filename ?? 'upload.jsonl', purpose, file.data);
    sendJson(exchange, 200, fileView(stored), this.#replies.headers());
  }

  /** `GET /v1/files/:id`. */
  async retrieveFile(exchange: HttpExchange, id: string): Promise<void> {
    const file = await this.#findFile(exchange, id);
    if (file) sendJson(exchange, 200, fileView(file), this.#replies.headers());
  }

  /** `GET /v1/files/:id/content`. */
  async fileContent(exchange: HttpExchange, id: string): Promise<void> {
    const file = await this.#findFile(exchange, id);
    if (file)
      sendText(exchange, 200, file.content.toString('utf8'), {
        'content-type': 'application/octet-stream',
        ...this.#replies.headers(),
      });
  }

  /** `DELETE /v1/files/:id`. */
  async deleteFile(exchange: HttpExchange, id: string): Promise<void> {
    const file = await this.#findFile(exchange, id);
    if (!file) return;
    this.#files.delete(id);
    sendJson(exchange, 200, { id, object: 'file', deleted: true }, this.#replies.headers());
  }

  /** The stored file with this id, if any. */
  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** Stores JSONL lines as a new file and returns its id. */
  storeLines(filename: string, purpose: string, lines: string[]): string {
    return this.#store(filename, purpose, Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8')).id;
  }

  #store(filename: string, purpose: string, content: Buffer): StoredFile {
    const file: StoredFile = {
      id: this.#context.ids.next('file-testkit'),
      filename,
      purpose,
      createdAt: unixSeconds(),
      content,
    };
    this.#files.set(file.id, file);
    return file;
  }

  async #findFile(exchange: HttpExchange, id: string): Promise<StoredFile | undefined> {
    if (!(await this.#replies.authorizedBody(exchange))) return undefined;
    const file = this.#files.get(id);
    if (!file)
      this.#replies.fail(
        exchange,
        providerError('openai', 'not_found', `No such File object: ${id}`, { param: 'id' }),
      );
    return file;
  }
}

function fileView(file: StoredFile) {
  return {
    id: file.id,
    object: 'file',
    bytes: file.content.length,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
    expires_at: null,
  };
}
