import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { belleSamples } from '../dedup/test-support/seed-records.js';
import { lastCallNumber, stampProvenance, withoutProvenance } from './call-provenance.js';
import { groupProvenance, groupProvenanceFile } from './group-provenance.js';
import {
  provenancePath,
  readProvenance,
  readProvenanceSidecar,
  writeProvenanceSidecar,
} from './provenance-sidecar.js';
import { contentHash, PROVENANCE_KEY, type RecordProvenance } from './record-provenance.js';
import { buildRunManifest } from './run-manifest.js';

function provenance(overrides: Partial<RecordProvenance> = {}): RecordProvenance {
  return {
    model: 'claude-sonnet-4-6-20260101',
    requestId: 'req_1',
    callId: 'call-1',
    stablePromptHash: contentHash('stable'),
    varyingPromptHash: contentHash('varying 1'),
    seedIds: ['seed #1', 'seed #2'],
    sampling: { temperature: 0.8, maxTokens: 4096 },
    costShare: 0.001,
    acceptedAt: '2026-12-06T20:00:00.000Z',
    ...overrides,
  };
}

describe('contentHash', () => {
  it('is the first 16 hex digits of SHA-256', () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea');
  });
});

describe('buildRunManifest', () => {
  const seeds = belleSamples().slice(0, 5);
  const base = {
    schema: { fields: [{ name: 'a', type: 'string' }] },
    seeds,
    config: { model: 'm', targetCount: 10 },
  };

  it('ignores key order and local-only settings, and changes with content', () => {
    const manifest = buildRunManifest(base);
    expect(manifest.schema).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.guidelines).toBeUndefined();
    expect(
      buildRunManifest({
        ...base,
        config: { targetCount: 10, model: 'm', overwrite: true, requestTimeoutMs: 9 },
      }),
    ).toEqual(manifest);
    expect(buildRunManifest({ ...base, config: { model: 'm', targetCount: 11 } }).config).not.toBe(
      manifest.config,
    );
    expect(buildRunManifest({ ...base, seeds: [...seeds].reverse() }).seeds).not.toBe(manifest.seeds);
    expect(buildRunManifest({ ...base, guidelines: 'Be brief.' }).guidelines).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('writeProvenanceSidecar', () => {
  it('writes one line per journaled record with provenance, in journal order, replacing the old file whole', async () => {
    const output = path.join(makeTempDir(), 'out.jsonl');
    fs.writeFileSync(provenancePath(output), 'stale\n');
    const entries = [
      { id: 'SYNTH_0001', data: { a: 1 }, [PROVENANCE_KEY]: provenance() },
      { id: 'SYNTH_0002', data: { a: 2 } }, // from before provenance was kept
      { id: 'SYNTH_0003', data: { a: 3 }, [PROVENANCE_KEY]: { model: 'broken' } },
      { id: 'SYNTH_0004', data: { a: 4 }, [PROVENANCE_KEY]: provenance({ callId: 'call-2' }) },
    ];
    expect(await writeProvenanceSidecar(output, entries)).toBe(2);
    const lines = fs
      .readFileSync(provenancePath(output), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { id: 'SYNTH_0001', ...provenance() },
      { id: 'SYNTH_0004', ...provenance({ callId: 'call-2' }) },
    ]);
    expect(fs.readdirSync(path.dirname(output)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(readProvenance(entries[2]!)).toBeUndefined();
    // read back, a torn or foreign line skipped
    fs.appendFileSync(provenancePath(output), '{"id":"SYNTH_0005","model":\n');
    expect((await readProvenanceSidecar(output))?.map((line) => line.id)).toEqual([
      'SYNTH_0001',
      'SYNTH_0004',
    ]);
    expect(await readProvenanceSidecar(path.join(path.dirname(output), 'other.jsonl'))).toBeUndefined();
  });
});

describe('groupProvenance', () => {
  it('groups by model, seed (each seed shown) and judge score, with summed cost', () => {
    const records = [
      provenance({ seedIds: ['seed #1'], costShare: 0.25 }),
      provenance({
        seedIds: ['seed #1', 'seed #2'],
        costShare: 0.5,
        judge: { score: 4, reason: 'ok', model: 'j' },
      }),
      provenance({ model: 'gpt-5-mini-2026-08-07', seedIds: [], costShare: undefined }),
    ];
    expect(groupProvenance(records, 'model')).toEqual([
      { value: 'claude-sonnet-4-6-20260101', records: 2, cost: 0.75 },
      { value: 'gpt-5-mini-2026-08-07', records: 1 },
    ]);
    expect(groupProvenance(records, 'seed')).toEqual([
      { value: 'seed #1', records: 2, cost: 0.75 },
      { value: '(none)', records: 1 },
      { value: 'seed #2', records: 1, cost: 0.5 },
    ]);
    expect(groupProvenance(records, 'judgeScore').map((row) => [row.value, row.records])).toEqual([
      ['(none)', 2],
      ['4', 1],
    ]);
  });

  it('groups by request id, the sampling settings sent, and the hour a record was accepted', () => {
    const records = [
      provenance({ requestId: 'req_1', acceptedAt: '2026-12-06T20:59:59.000Z' }),
      provenance({ requestId: 'req_1', acceptedAt: '2026-12-06T21:00:00.000Z' }),
      provenance({
        requestId: undefined,
        sampling: { maxTokens: 2048 },
        acceptedAt: '2026-12-06T21:30:00.000Z',
      }),
    ];
    const rows = (by: Parameters<typeof groupProvenance>[1]) =>
      groupProvenance(records, by).map((row) => [row.value, row.records]);
    expect(rows('requestId')).toEqual([
      ['req_1', 2],
      ['(none)', 1],
    ]);
    expect(rows('temperature')).toEqual([
      ['0.8', 2],
      ['(none)', 1],
    ]);
    expect(rows('maxTokens')).toEqual([
      ['4096', 2],
      ['2048', 1],
    ]);
    expect(rows('acceptedHour')).toEqual([
      ['2026-12-06T21', 2],
      ['2026-12-06T20', 1],
    ]);
  });
});

describe('groupProvenanceFile', () => {
  it('groups the records of an output from its sidecar, and is undefined when the output has none', async () => {
    const output = path.join(makeTempDir(), 'out.jsonl');
    const lines = [
      { id: 'SYNTH_0001', ...provenance({ costShare: 0.25 }) },
      { id: 'SYNTH_0002', ...provenance({ model: 'gpt-5-mini-2026-08-07', costShare: 0.5 }) },
      { id: 'SYNTH_0003', ...provenance({ costShare: 0.25 }) },
    ];
    fs.writeFileSync(provenancePath(output), lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(await groupProvenanceFile(output, 'model')).toEqual({
      by: 'model',
      rows: [
        { value: 'claude-sonnet-4-6-20260101', records: 2, cost: 0.5 },
        { value: 'gpt-5-mini-2026-08-07', records: 1, cost: 0.5 },
      ],
    });
    expect(
      await groupProvenanceFile(path.join(path.dirname(output), 'other.jsonl'), 'model'),
    ).toBeUndefined();
  });
});

describe('stampProvenance', () => {
  const prompt = {
    stablePromptHash: contentHash('stable'),
    varyingPromptHash: contentHash('varying'),
    seedIds: ['seed #4'],
    sampling: { maxTokens: 2048 },
  };

  it("shares the call's whole cost evenly over the records accepted from it, with the judge's verdict", () => {
    const accepted = [
      { id: 'SYNTH_0001', data: { a: 1 }, judge: { score: 4, reason: 'clear', model: 'claude-haiku-4-5' } },
      { id: 'SYNTH_0002', data: { a: 2 } },
      { id: 'SYNTH_0003', data: { a: 3 } },
      { id: 'SYNTH_0004', data: { a: 4 } },
    ];
    stampProvenance(
      accepted,
      { callId: 'call-7', model: 'm-20260101', requestId: 'req_7', prompt, cost: 0.01 },
      '2026-12-06T21:00:00.000Z',
    );
    expect(accepted.map(readProvenance)).toEqual([
      {
        model: 'm-20260101',
        requestId: 'req_7',
        callId: 'call-7',
        ...prompt,
        judge: { score: 4, reason: 'clear', model: 'claude-haiku-4-5' },
        costShare: 0.0025,
        acceptedAt: '2026-12-06T21:00:00.000Z',
      },
      ...[2, 3, 4].map(() => ({
        model: 'm-20260101',
        requestId: 'req_7',
        callId: 'call-7',
        ...prompt,
        costShare: 0.0025,
        acceptedAt: '2026-12-06T21:00:00.000Z',
      })),
    ]);
    expect(withoutProvenance(accepted[0]!)).toEqual({
      id: 'SYNTH_0001',
      data: { a: 1 },
      judge: { score: 4, reason: 'clear', model: 'claude-haiku-4-5' },
    });
  });

  it('leaves the cost share out for an unpriced call, and numbers calls on across sessions', () => {
    const accepted = [{ id: 'SYNTH_0001', data: { a: 1 } }];
    stampProvenance(accepted, { callId: 'call-12', model: 'local', prompt, cost: undefined }, 'now');
    expect(readProvenance(accepted[0]!)).not.toHaveProperty('costShare');
    expect(readProvenance(accepted[0]!)).not.toHaveProperty('requestId');
    const replies = [{ id: 'SYNTH_0002', data: {} }];
    stampProvenance(replies, { callId: 'reply-3', model: 'host' }, 'now');
    const journal = [...accepted, ...replies, { id: 'SYNTH_0003', data: {} }];
    expect(lastCallNumber(journal)).toBe(12);
    expect(lastCallNumber(journal, 'reply')).toBe(3);
    expect(lastCallNumber([])).toBe(0);
  });
});
