import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BELLE_FOLDER, makeTempDir, readJsonl } from '../../test/helpers.js';
import { loadInputs } from '../inputs/load-inputs.js';
import { provenancePath, readProvenanceSidecar } from '../provenance/provenance-sidecar.js';
import { ingestReply } from './interactive-synthesis.js';

const inputs = loadInputs({ analysisDir: BELLE_FOLDER });
const dedup = { exact: true, near: true, threshold: 0.7 };
const fresh = {
  instruction: '用一句话解释为什么冰川会移动',
  input: '',
  output: '冰川在自身巨大重量的压力下，底部的冰发生塑性变形并沿着岩床缓慢滑动，因此整体向低处移动。',
  category: 'generation',
};

describe('ingestReply — the interactive mode goes through the run intake', () => {
  it('rejects copies of a seed and duplicates within the reply with the run reasons and matched records', async () => {
    const output = path.join(makeTempDir(), 'out.jsonl');
    const seed = inputs.seeds[0]!;
    const text = `Here are the records:\n${JSON.stringify([fresh, { ...seed }, fresh])}`;
    const result = await ingestReply({ text, inputs, output, dedup });

    expect(result).toMatchObject({
      parsed: 3,
      added: 1,
      invalid: 0,
      duplicates: { exact: 2, near: 0 },
      total: 1,
    });
    expect(result.issues).toEqual([
      'record 2: exact duplicate of seed #1 (similarity 1.00)',
      'record 3: exact duplicate of record SYNTH_0001 (similarity 1.00)',
    ]);
    const rejects = readJsonl(result.rejectsPath);
    expect(rejects).toMatchObject([
      { kind: 'duplicate-exact', matched: { id: 'seed #1', similarity: 1 } },
      { kind: 'duplicate-exact', matched: { id: 'SYNTH_0001', similarity: 1 } },
    ]);

    // A second reply: what the output already holds is a duplicate too, and ids continue.
    const again = await ingestReply({ text: JSON.stringify([fresh]), inputs, output, dedup });
    expect(again).toMatchObject({ added: 0, duplicates: { exact: 1, near: 0 }, total: 1 });
    expect(again.issues).toEqual(['record 1: exact duplicate of record SYNTH_0001 (similarity 1.00)']);
  });

  it('rejects a record that does not fit the schema with the validator issues, unless validate is off', async () => {
    const output = path.join(makeTempDir(), 'out.jsonl');
    const bad = { ...fresh, category: 'poetry-slam' };
    const result = await ingestReply({ text: JSON.stringify([bad]), inputs, output, dedup });
    expect(result).toMatchObject({ added: 0, invalid: 1 });
    expect(result.issues[0]).toMatch(/^record 1: category: /);
    const lenient = await ingestReply({
      text: JSON.stringify([bad]),
      inputs,
      output,
      dedup,
      validate: false,
    });
    expect(lenient).toMatchObject({ added: 1, invalid: 0 });
  });

  it('keeps provenance per reply (model host, reply-N, no prompt hashes) out of the output, or none when off', async () => {
    const output = path.join(makeTempDir(), 'out.json');
    const second = {
      ...fresh,
      instruction: '用一句话解释为什么天空是蓝色的',
      output: '阳光中的蓝光波长短，被大气分子散射得最多，所以我们看到的天空是蓝色的。',
    };
    await ingestReply({ text: JSON.stringify([fresh]), inputs, output, dedup });
    await ingestReply({ text: JSON.stringify([second]), inputs, output, dedup });
    const lines = (await readProvenanceSidecar(output)) ?? [];
    expect(lines.map(({ id, model, callId, seedIds }) => ({ id, model, callId, seedIds }))).toEqual([
      { id: 'SYNTH_0001', model: 'host', callId: 'reply-1', seedIds: [] },
      { id: 'SYNTH_0002', model: 'host', callId: 'reply-2', seedIds: [] },
    ]);
    for (const line of lines) {
      expect(line.requestId).toBeUndefined();
      expect(line.stablePromptHash).toBeUndefined();
      expect(line.sampling).toBeUndefined();
    }
    const written = JSON.parse(fs.readFileSync(output, 'utf8')) as { samples: Record<string, unknown>[] };
    expect(written.samples.map((sample) => Object.keys(sample).sort())).toEqual([
      ['data', 'id', 'synthetic'],
      ['data', 'id', 'synthetic'],
    ]);

    const third = {
      ...fresh,
      instruction: '用一句话解释为什么海水是咸的',
      output: '河流把岩石中溶解的盐分带入大海，水分蒸发而盐留下，久而久之海水就变咸了。',
    };
    await ingestReply({ text: JSON.stringify([third]), inputs, output, dedup, provenance: false });
    expect(fs.existsSync(provenancePath(output))).toBe(false);
  });

  it('changes nothing and says what to do when the reply holds no records', async () => {
    const output = path.join(makeTempDir(), 'out.jsonl');
    await expect(ingestReply({ text: 'Sorry, I cannot.', inputs, output, dedup })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^The reply holds no records to add \(.+\)\. Paste the model's whole answer/,
      ),
    });
  });
});
