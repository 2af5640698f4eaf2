import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/**
 * The largest message the server reads: 10 MiB, as the SDK's own stdio transport. Data that size
 * belongs in a file under the server's root, named by path in the tool arguments.
 */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** JSON-RPC "Invalid Request". */
const INVALID_REQUEST = -32600;
/** How much of the start and of the end of an oversized message is kept to find its id. */
const HEAD_BYTES = 4096;
const NEWLINE = 0x0a;

/** Options of {@link BoundedStdioTransport}. */
export interface BoundedStdioTransportOptions {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  maxMessageBytes?: number;
  /** Told about each message refused for its size (the server logs it to stderr). */
  onOversized?: (bytes: number) => void;
}

/**
 * A stdio transport (newline-delimited JSON-RPC) that survives an oversized message. The SDK's
 * `StdioServerTransport` closes itself when a message exceeds its buffer, so the server exits with
 * no reply and every call in flight dies. This one skips the message as it streams in (never
 * holding more than the limit), answers it with an `Invalid Request` error carrying its id when the
 * id can be read from its first bytes, and keeps serving.
 */
export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #stdin: NodeJS.ReadableStream;
  readonly #stdout: NodeJS.WritableStream;
  readonly #maxMessageBytes: number;
  readonly #onOversized: ((bytes: number) => void) | undefined;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Set while the rest of an oversized message is being skipped. */
  #skipping: { head: Buffer; tail: Buffer; bytes: number } | undefined;

  constructor(options: BoundedStdioTransportOptions = {}) {
    this.#stdin = options.stdin ?? process.stdin;
    this.#stdout = options.stdout ?? process.stdout;
    this.#maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.#onOversized = options.onOversized;
  }

  async start(): Promise<void> {
    this.#stdin.on('data', this.#onData);
    this.#stdin.on('error', this.#onError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.#stdout.once('drain', () => resolve());
    });
  }

  async close(): Promise<void> {
    this.#stdin.off('data', this.#onData);
    this.#stdin.off('error', this.#onError);
    if (this.#stdin.listenerCount('data') === 0) this.#stdin.pause();
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = undefined;
    this.onclose?.();
  }

  readonly #onError = (error: Error): void => {
    this.onerror?.(error);
  };

  readonly #onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    while (from <= bytes.length) {
      const newline = bytes.indexOf(NEWLINE, from);
      const piece = bytes.subarray(from, newline === -1 ? bytes.length : newline);
      this.#take(piece);
      if (newline === -1) return;
      this.#endOfMessage();
      from = newline + 1;
    }
  };

  #take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.#skipping) {
      this.#skipping.bytes += piece.length;
      this.#skipping.tail = lastBytes(Buffer.concat([this.#skipping.tail, piece]));
      return;
    }
    if (this.#pendingBytes + piece.length <= this.#maxMessageBytes) {
      this.#pending.push(piece);
      this.#pendingBytes += piece.length;
      return;
    }
    const head = Buffer.concat([...this.#pending, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
    this.#skipping = { head, tail: lastBytes(piece), bytes: this.#pendingBytes + piece.length };
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  #endOfMessage(): void {
    if (this.#skipping) {
      const skipped = this.#skipping;
      this.#skipping = undefined;
      this.#refuse(skipped.head.toString('utf8'), skipped.tail.toString('utf8'), skipped.bytes);
      return;
    }
    const line = Buffer.concat(this.#pending).toString('utf8').replace(/\r$/, '');
    this.#pending = [];
    this.#pendingBytes = 0;
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.onmessage?.(message);
  }

  #refuse(head: string, tail: string, bytes: number): void {
    this.#onOversized?.(bytes);
    const id = requestId(head, tail);
    // A notification (no id) gets no answer; a request whose id cannot be read gets id null.
    if (id === undefined && /"method"\s*:\s*"notifications\//.test(head)) return;
    const megabytes = (this.#maxMessageBytes / 1024 / 1024).toFixed(0);
    void this.send({
      jsonrpc: '2.0',
      id: (id ?? null) as string | number,
      error: {
        code: INVALID_REQUEST,
        message: `The request is ${(bytes / 1024 / 1024).toFixed(1)} MiB, over this server's ${megabytes} MiB limit: put large data in a file under the server's root and pass its path.`,
      },
    } as JSONRPCMessage);
  }
}

const ID_VALUE = String.raw`(-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")`;
/** `"id": …` before `params`, read from the start of the message. */
const ID_AT_START = new RegExp(String.raw`"id"\s*:\s*${ID_VALUE}`);
/** `"id": …` after `params`: followed only by other short top-level members up to the closing brace. */
const ID_AT_END = new RegExp(
  String.raw`"id"\s*:\s*${ID_VALUE}\s*(?:,\s*"(?:jsonrpc|method)"\s*:\s*"[^"]*"\s*)*}\s*$`,
);

/** The top-level `id` of an oversized JSON-RPC request, from its first or last bytes (the SDK writes it last). */
function requestId(head: string, tail: string): string | number | undefined {
  const beforeParams = head.split('"params"')[0] ?? head;
  const match = ID_AT_START.exec(beforeParams) ?? ID_AT_END.exec(tail.replace(/\r$/, ''));
  if (!match?.[1]) return undefined;
  return match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : Number(match[1]);
}

function lastBytes(buffer: Buffer): Buffer {
  return buffer.length <= HEAD_BYTES ? buffer : buffer.subarray(buffer.length - HEAD_BYTES);
}
