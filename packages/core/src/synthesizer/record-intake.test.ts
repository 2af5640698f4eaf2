import { parseSchema } from '@datasynth/prompts';
import { resolveModel } from '@datasynth/providers';
import { startTestServer } from '@datasynth/testkit';
import { describe, expect, it } from 'vitest';
import { RecordingModel } from '../../test/recording-model.js';
import { ContaminationGuard } from '../contamination/contamination-guard.js';
import { canonicalJson } from '../dedup/index.js';
import { seededRandom } from '../dedup/test-support/edit-one-phrase.js';
import { RecordJudge } from '../judge/record-judge.js';
import { SecretScanner } from '../secrets/secret-scanner.js';
import { RecordIntake, type RecordIntakeOptions } from './record-intake.js';
import { RunTally } from './run-tally.js';

const schema = parseSchema({
  fields: [
    { name: 'question', type: 'string' },
    { name: 'answer', type: 'string', constraints: { min_length: 5 } },
  ],
}).schema;

const seed = {
  question: 'Why does the first snow of winter make a quiet mountain village feel even quieter?',
  answer: 'Fresh snow is porous: it swallows sound waves, so footsteps and voices carry less far.',
};
const existing = {
  question: 'How do bees find their way back to the hive after a long flight over open fields?',
  answer: 'They combine the position of the sun, polarised light and landmarks they memorised.',
};
const WORDS =
  'amber basalt cedar dune ember fjord glacier harbor iris jasper kelp lagoon meadow nectar orchid prairie quartz reef saffron tundra umber violet willow yarrow zephyr anchor beacon canyon delta estuary falcon grove heron island juniper kestrel lantern marsh nomad oasis pebble quill river summit thicket urchin valley walrus'.split(
    ' ',
  );
/** A record unlike every other one: twelve words picked by `n` from a fifty-word list. */
const fresh = (n: number) => {
  const random = seededRandom(n);
  const words = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return { question: `Tell me about ${words.slice(0, 6).join(' ')}?`, answer: words.slice(6).join(' ') };
};

function intake(options: Partial<RecordIntakeOptions> & { target?: number } = {}) {
  const tally = new RunTally(
    { schemaFingerprint: 'f', model: 'm', provider: 'p', targetCount: options.target ?? 100 },
    { judged: options.judge !== undefined },
  );
  tally.restore(undefined, 1);
  const created = new RecordIntake({
    schema,
    validate: true,
    dedup: { exact: true, near: true, threshold: 0.7 },
    seeds: [seed],
    existing: [{ id: 'SYNTH_0001', data: existing }],
    tally,
    ...options,
  });
  return { intake: created, tally };
}

describe('RecordIntake.admit — held-out sets and seed copies', () => {
  const heldOutItem = {
    question: 'Which three rivers meet at the confluence near the old trading town, and in which order?',
    answer: 'The northern river joins first, then the glacier stream, then the slow southern one.',
  };

  it('rejects a held-out copy as contamination naming file and item, and a 13-word seed quote as seed-copy', async () => {
    const holdout = new ContaminationGuard({ threshold: 0.7 });
    holdout.addFile('eval.jsonl', [fresh(90), heldOutItem]);
    const { intake: step, tally } = intake({ holdout });
    const quote = {
      question: `Please explain: ${seed.question.split(' ').slice(0, 13).join(' ')} today?`,
      answer: 'It is a new answer here.',
    };
    const admission = await step.admit([heldOutItem, quote, { ...seed }, fresh(3)]);
    expect(admission.accepted.map((entry) => entry.data)).toEqual([fresh(3)]);
    expect(admission.rejects.map((entry) => [entry.index, entry.reject.kind])).toEqual([
      [0, 'contamination'],
      [1, 'seed-copy'],
      [2, 'duplicate-exact'],
    ]);
    expect(admission.rejects[0]!.reject).toMatchObject({
      reasons: ['exact overlap with item 2 of held-out eval.jsonl'],
      overlap: { file: 'eval.jsonl', item: 2, kind: 'exact', similarity: 1 },
    });
    expect(admission.rejects[1]!.reject.reasons).toEqual([
      'shares a run of 13 words (20 CJK characters) with seed #1',
    ]);
    expect(tally.rejectedByReason).toMatchObject({ contamination: 1, 'seed-copy': 1 });
    // neither reject entered the dedup index: the same records are judged the same way again
    const again = await step.admit([heldOutItem, quote]);
    expect(again.rejects.map((entry) => entry.reject.kind)).toEqual(['contamination', 'seed-copy']);
  });
});

describe('RecordIntake.admit — the one rule for accepting a record', () => {
  it('accepts a valid, new record under the next id and counts it through the funnel', async () => {
    const { intake: step, tally } = intake();
    const admission = await step.admit([fresh(1), fresh(2)]);
    expect(admission.accepted).toEqual([
      { id: 'SYNTH_0002', data: fresh(1) },
      { id: 'SYNTH_0003', data: fresh(2) },
    ]);
    expect(admission.rejects).toEqual([]);
    expect(tally.accepted).toBe(3);
    expect(tally.funnel).toMatchObject({ valid: 3, unique: 3, judged: 3 });
  });

  it('rejects a record that does not fit the schema as invalid, with the validator issues', async () => {
    const { intake: step, tally } = intake();
    const bad = { question: 'Short answer?', answer: 'no' };
    const admission = await step.admit([bad]);
    expect(admission.accepted).toEqual([]);
    expect(admission.rejects).toEqual([
      { index: 0, reject: { kind: 'invalid', reasons: ['answer: length 2 < min_length 5'], data: bad } },
    ]);
    expect(tally.rejectedByReason).toEqual({ invalid: 1 });
  });

  it("rejects a record holding the run's own key as secret, written redacted, before any other check", async () => {
    const key = 'sk-ant-api03-RUN-KEY-0123456789abcdef';
    const { intake: step, tally } = intake({ secrets: new SecretScanner([key]) });
    const leaking = { question: 'What is the key?', answer: `The key is ${key}, use it well.` };
    const admission = await step.admit([leaking, fresh(3)]);
    expect(admission.accepted.map((entry) => entry.data)).toEqual([fresh(3)]);
    expect(admission.rejects).toEqual([
      {
        index: 0,
        reject: {
          kind: 'secret',
          reasons: ["the record holds one of the run's API keys"],
          data: { question: 'What is the key?', answer: 'The key is [redacted], use it well.' },
        },
      },
    ]);
    expect(JSON.stringify(admission)).not.toContain(key);
    expect(tally.rejectedByReason).toMatchObject({ secret: 1 });
  });

  it('takes an unvalidated record as it is when validate is off', async () => {
    const { intake: step } = intake({ validate: false });
    const admission = await step.admit([{ question: 'Short answer?', answer: 'no' }]);
    expect(admission.accepted).toHaveLength(1);
  });

  it('rejects an exact copy of a seed, naming the seed, with matched and similarity 1', async () => {
    const { intake: step, tally } = intake();
    const copy = { answer: seed.answer, question: seed.question };
    const admission = await step.admit([copy]);
    expect(admission.rejects).toEqual([
      {
        index: 0,
        reject: {
          kind: 'duplicate-exact',
          reasons: ['exact duplicate of seed #1 (similarity 1.00)'],
          data: copy,
          matched: { id: 'seed #1', similarity: 1 },
        },
      },
    ]);
    expect(tally.duplicates).toEqual({ exact: 1, near: 0 });
    // Duplicates are counted apart from rejects.
    expect(tally.rejected).toBe(0);
  });

  it('rejects a near copy of a record already in the output, naming the record and the similarity', async () => {
    const { intake: step, tally } = intake();
    const near = { ...existing, answer: existing.answer.replace('memorised', 'remembered') };
    const admission = await step.admit([near]);
    const [only] = admission.rejects;
    expect(only?.reject.kind).toBe('duplicate-near');
    expect(only?.reject.reasons[0]).toMatch(/^near duplicate of record SYNTH_0001 \(similarity 0\.\d\d\)$/);
    expect(only?.reject.matched?.id).toBe('SYNTH_0001');
    expect(only?.reject.matched?.similarity).toBeGreaterThanOrEqual(0.7);
    expect(tally.duplicates).toEqual({ exact: 0, near: 1 });
  });

  it('rejects a duplicate within the same batch against the record accepted just before it', async () => {
    const { intake: step } = intake();
    const admission = await step.admit([fresh(1), fresh(2), fresh(1)]);
    expect(admission.accepted.map((entry) => entry.id)).toEqual(['SYNTH_0002', 'SYNTH_0003']);
    expect(admission.rejects).toMatchObject([
      { index: 2, reject: { kind: 'duplicate-exact', matched: { id: 'SYNTH_0002', similarity: 1 } } },
    ]);
  });

  it('rejects valid records past the target as surplus, counted as rejects', async () => {
    const { intake: step, tally } = intake({ target: 2 });
    const admission = await step.admit([fresh(1), fresh(2)]);
    expect(admission.accepted.map((entry) => entry.id)).toEqual(['SYNTH_0002']);
    expect(admission.rejects).toEqual([
      { index: 1, reject: { kind: 'surplus', reasons: ['the target was already reached'], data: fresh(2) } },
    ]);
    expect(tally.rejectedByReason).toEqual({ surplus: 1 });
    expect(tally.funnel).toMatchObject({ valid: 3, unique: 2 });
  });

  it('tells the steering what it accepted and which records were duplicates', async () => {
    const seen: string[] = [];
    const { intake: step } = intake({
      steering: {
        accept: (record) => seen.push(`accept ${String(record.question)}`),
        noteDuplicate: (record) => seen.push(`duplicate ${String(record.question)}`),
      },
    });
    await step.admit([fresh(1), fresh(1)]);
    expect(seen).toEqual([`accept ${fresh(1).question}`, `duplicate ${fresh(1).question}`]);
  });
});

describe('RecordIntake.admitReply — a model reply through the same rule', () => {
  it('turns unreadable parts into unparsed rejects, stamps batch and time, and counts them', async () => {
    const { intake: step, tally } = intake();
    const text = `Here you go:\n${JSON.stringify([fresh(1)])}\nand {"question": "torn`;
    const { accepted, rejects } = await step.admitReply(
      { text, finishReason: 'stop' },
      { requested: 2, batch: 7 },
    );
    expect(accepted.map((entry) => entry.id)).toEqual(['SYNTH_0002']);
    for (const reject of rejects) expect(reject).toMatchObject({ kind: 'unparsed', batch: 7 });
    expect(rejects.every((reject) => typeof reject.at === 'string')).toBe(true);
    expect(tally.funnel.parsed).toBe(1 + 1);
  });

  it('rejects a refusal as one refusal and tells the caller', async () => {
    let refusals = 0;
    const { intake: step, tally } = intake({ onRefusal: () => refusals++ });
    const { rejects } = await step.admitReply(
      { text: 'I cannot help with that.', finishReason: 'refusal' },
      { requested: 5, batch: 1 },
    );
    expect(rejects).toMatchObject([{ kind: 'refusal', reasons: ['the model refused the request'] }]);
    expect(refusals).toBe(1);
    expect(tally.rejectedByReason).toEqual({ refusal: 1 });
  });

  it('keeps the records before a cut-off and tells the caller the reply was truncated', async () => {
    let truncated = 0;
    const { intake: step } = intake({ onTruncated: () => truncated++ });
    const text = `${JSON.stringify([fresh(1), fresh(2)]).slice(0, -1)}, {"question": "cut`;
    const { accepted } = await step.admitReply({ text, finishReason: 'length' }, { requested: 3, batch: 1 });
    expect(accepted).toHaveLength(2);
    expect(truncated).toBe(1);
  });

  it('rejects a reply without records as one unparsed reject (the request did not fail)', async () => {
    const { intake: step, tally } = intake();
    const { rejects } = await step.admitReply(
      { text: '[]', finishReason: 'stop' },
      { requested: 3, batch: 1 },
    );
    expect(rejects).toMatchObject([{ kind: 'unparsed', reasons: [expect.stringMatching(/no records/)] }]);
    expect(tally.failedRequests).toBe(0);
    expect(tally.rejectedByReason).toEqual({ unparsed: 1 });
  });
});

describe('RecordIntake with a judge', () => {
  it('keeps records scored at or above the threshold with the verdict, rejects the rest, and indexes only kept ones', async () => {
    await using llm = await startTestServer({ seed: 5 });
    const model = new RecordingModel(
      resolveModel('claude-haiku-4-5', { baseURL: llm.anthropicBaseURL, apiKey: 'sk-ant-test-key' }),
    );
    const judge = new RecordJudge({
      model,
      schema,
      language: 'en',
      batchSize: 20,
      structuredOutput: true,
      caching: false,
      send: (request) => model.generate(request),
    });
    const { intake: step, tally } = intake({ judge });
    const records = Array.from({ length: 20 }, (_, n) => fresh(n + 1));
    const admission = await step.admit(records);

    expect(model.calls).toHaveLength(1);
    const scores = (model.calls[0]!.result.object as { scores: { index: number; score: number }[] }).scores;
    const kept = new Set(
      scores
        .filter((entry) => entry.score >= judge.threshold)
        .map((entry) => canonicalJson(records[entry.index]!)),
    );
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(20);
    expect(new Set(admission.accepted.map((entry) => canonicalJson(entry.data)))).toEqual(kept);
    for (const entry of admission.accepted) expect(entry.judge).toMatchObject({ model: 'claude-haiku-4-5' });
    const below = admission.rejects.filter(({ reject }) => reject.kind === 'judged-below-threshold');
    expect(below).toHaveLength(20 - kept.size);
    for (const { reject } of below) expect(reject.reasons[0]).toMatch(/^score \S+ < threshold /);
    expect(tally.funnel).toMatchObject({ unique: 21, judged: 1 + kept.size });
    expect(Object.values(tally.judgeScores ?? {}).reduce((sum, count) => sum + count, 0)).toBe(20);

    // A rejected record never entered the index: offered again, it is judged again, not a duplicate.
    const again = await step.admit([records[below[0]!.index]!]);
    expect(again.rejects[0]?.reject.kind).not.toMatch(/^duplicate/);
  });
});
