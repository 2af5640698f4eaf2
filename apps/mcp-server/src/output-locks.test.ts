import { describe, expect, it } from 'vitest';
import { OutputLocks } from './output-locks.js';

describe('OutputLocks', () => {
  it('refuses a second writer of the same output while the first runs, and allows others', async () => {
    const locks = new OutputLocks();
    const release = await locks.acquire('/r/out.json', new AbortController().signal);
    await expect(locks.acquire('/r/out.json', new AbortController().signal)).rejects.toThrow(
      'Another call or synthesis job is writing /r/out.json right now',
    );
    const other = await locks.acquire('/r/other.json', new AbortController().signal);
    other();
    release();
    expect(locks.size).toBe(0);
    (await locks.acquire('/r/out.json', new AbortController().signal))();
  });

  it('waits for a cancelled writer to settle before the next one starts', async () => {
    const locks = new OutputLocks();
    const first = new AbortController();
    const releaseFirst = await locks.acquire('/r/out.json', first.signal);
    first.abort();
    const order: string[] = [];
    const second = locks.acquire('/r/out.json', new AbortController().signal).then((release) => {
      order.push('second acquired');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('first released');
    releaseFirst();
    (await second)();
    expect(order).toEqual(['first released', 'second acquired']);
  });
});
