import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SynthesisError } from '../errors/synthesis-error.js';
import { loadHoldout } from './load-holdout.js';

const passage = (topic: string) =>
  `Explain in plain words how ${topic} works, why it matters to ordinary people, and what could go wrong with it.`;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-holdout-'));
}

describe('loadHoldout', () => {
  it('reads JSONL, a JSON array and a DataRecipe envelope, and names file, position and id of a hit', async () => {
    const dir = tempDir();
    const jsonl = path.join(dir, 'eval.jsonl');
    const array = path.join(dir, 'eval.json');
    const envelope = path.join(dir, 'samples.json');
    fs.writeFileSync(
      jsonl,
      `${JSON.stringify({ q: passage('inflation') })}\n${JSON.stringify({ q: passage('a vaccine') })}\n`,
    );
    fs.writeFileSync(array, JSON.stringify([{ q: passage('a bank run') }]));
    fs.writeFileSync(
      envelope,
      JSON.stringify({
        samples: [
          { id: 'S1', data: { q: passage('a tariff') } },
          { id: 'S2', data: { q: passage('radar') } },
        ],
      }),
    );
    const guard = await loadHoldout([jsonl, array, envelope], { threshold: 0.7 });
    expect(guard.size).toBe(5);
    expect(guard.check({ q: passage('a vaccine') })).toMatchObject({
      hit: true,
      kind: 'exact',
      file: jsonl,
      item: 2,
    });
    expect(guard.check({ prompt: passage('a bank run') })).toMatchObject({ hit: true, file: array, item: 1 });
    expect(guard.check({ q: passage('radar') })).toEqual({
      hit: true,
      kind: 'exact',
      similarity: 1,
      file: envelope,
      item: 2,
      id: 'S2',
    });
    expect(guard.check({ q: 'How do tides work?' })).toEqual({ hit: false });
  });

  it('refuses a missing or malformed file with one line naming it and the setting', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'nope.jsonl');
    const malformed = path.join(dir, 'bad.json');
    fs.writeFileSync(malformed, '{"not": "records"}\n[1, 2]\n');
    for (const file of [missing, malformed]) {
      const error = await loadHoldout([file], { threshold: 0.7 }).catch((caught: unknown) => caught);
      expect(SynthesisError.isInstance(error)).toBe(true);
      const { code, message, path: errorPath } = error as SynthesisError;
      expect(code).toBe('invalid_input');
      expect(errorPath).toBe(file);
      expect(message).toContain(`Held-out file ${file}`);
      expect(message).toContain('`holdout`');
      expect(message).not.toContain('\n');
    }
  });
});
