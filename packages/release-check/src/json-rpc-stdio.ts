import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** A JSON-RPC 2.0 response as an MCP server writes it to stdout. */
export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/**
 * A minimal MCP client over stdio: newline-delimited JSON-RPC, as the protocol specifies.
 * Every stdout line must be a JSON-RPC message; anything else is collected in `strayLines`.
 */
export class JsonRpcStdioClient {
  readonly strayLines: string[] = [];
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (response: JsonRpcResponse) => void>();
  private readonly exited: Promise<number | null>;
  private buffer = '';
  private nextId = 1;

  constructor(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.receive(chunk));
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
  }

  /** Sends a request and waits for its response (rejects after `timeoutMs`). */
  request(method: string, params: Record<string, unknown>, timeoutMs = 100_000): Promise<JsonRpcResponse> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to ${method} within ${timeoutMs} ms; stderr:\n${this.stderr}`)),
        timeoutMs,
      );
      this.pending.set(id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  /** Sends a notification (no response expected). */
  notify(method: string, params: Record<string, unknown> = {}): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** Closes stdin, which ends a stdio server, and waits for the exit code. */
  async close(): Promise<number | null> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
      if (line === '') continue;
      let message: Partial<JsonRpcResponse> | undefined;
      try {
        message = JSON.parse(line) as Partial<JsonRpcResponse>;
      } catch {
        this.strayLines.push(line);
        continue;
      }
      if (message.jsonrpc !== '2.0') {
        this.strayLines.push(line);
        continue;
      }
      if (typeof message.id === 'number') this.pending.get(message.id)?.(message as JsonRpcResponse);
    }
  }
}
