import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { BoundedStdioTransport } from './bounded-stdio-transport.js';

/** A transport over in-memory pipes, with everything it delivers and writes collected. */
async function harness(maxMessageBytes: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const received: JSONRPCMessage[] = [];
  const oversized: number[] = [];
  const written: string[] = [];
  stdout.setEncoding('utf8').on('data', (text: string) => written.push(...text.split('\n').filter(Boolean)));
  const transport = new BoundedStdioTransport({
    stdin,
    stdout,
    maxMessageBytes,
    onOversized: (bytes) => oversized.push(bytes),
  });
  let closed = false;
  transport.onclose = () => {
    closed = true;
  };
  transport.onmessage = (message) => received.push(message);
  await transport.start();
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    stdin,
    received,
    oversized,
    replies: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
    isClosed: () => closed,
    flush,
  };
}

const call = (id: number, text: string) =>
  `${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'x', arguments: { text } } })}\n`;

describe('BoundedStdioTransport', () => {
  it('delivers messages split across chunks and several in one chunk', async () => {
    const t = await harness(1024);
    const two = call(1, 'a') + call(2, 'b');
    t.stdin.write(two.slice(0, 10));
    t.stdin.write(two.slice(10));
    await t.flush();
    expect(t.received.map((message) => (message as { id: number }).id)).toEqual([1, 2]);
  });

  it('answers an oversized request with an error carrying its id, and keeps serving', async () => {
    const t = await harness(1024);
    const big = call(7, 'x'.repeat(5000));
    // Streamed in small chunks, as a pipe delivers it: the transport never holds more than the limit.
    for (let start = 0; start < big.length; start += 300) t.stdin.write(big.slice(start, start + 300));
    t.stdin.write(call(8, 'after'));
    await t.flush();
    expect(t.replies()).toEqual([
      {
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32600, message: expect.stringContaining("over this server's 0 MiB limit") },
      },
    ]);
    expect(t.oversized).toEqual([big.length - 1]);
    expect(t.received.map((message) => (message as { id: number }).id)).toEqual([8]);
    expect(t.isClosed()).toBe(false);
  });

  it('finds the id at the end (where the SDK client writes it), else answers with a null id', async () => {
    const t = await harness(256);
    const big = 'y'.repeat(1000);
    t.stdin.write(`{"method":"tools/call","params":{"text":"${big}"},"jsonrpc":"2.0","id":9}\n`);
    t.stdin.write(`{"method":"tools/call","params":{"text":"${big}"},"id":10,"extra":{"a":"}"}}\n`);
    t.stdin.write(`{"jsonrpc":"2.0","method":"notifications/message","params":{"text":"${big}"}}\n`);
    await t.flush();
    expect(t.replies().map((reply) => reply.id)).toEqual([9, null]);
    expect(t.oversized).toHaveLength(3);
  });
});
