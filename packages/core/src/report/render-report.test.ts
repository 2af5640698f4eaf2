import { describe, expect, it } from 'vitest';
import { computeStats } from '../stats/index.js';
import { renderReport } from './render-report.js';
import { reportFixture } from './report-fixture.js';

describe('renderReport', () => {
  it('escapes every piece of record text and loads nothing from outside', () => {
    const { stats, context } = reportFixture();
    const html = renderReport(stats, context);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>Report &lt;test&gt; &amp; &quot;quotes&quot;</title>');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\b(?:src|href)=["']/);
  });

  it('has every section of a run report, with the funnel in pipeline order', () => {
    const { stats, context } = reportFixture();
    const html = renderReport(stats, context);
    for (const id of [
      'funnel',
      'lengths',
      'distributions',
      'judge',
      'duplicates',
      'closest',
      'diversity',
      'rejects',
      'cost',
    ]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    const funnel = html.slice(html.indexOf('<section id="funnel">'), html.indexOf('<section id="lengths">'));
    const order = ['requested', 'parsed', 'valid', 'unique', 'judged ok'].map((label) =>
      funnel.indexOf(`>${label}<`),
    );
    expect(
      order.every((position, index) => position > 0 && (index === 0 || position > order[index - 1]!)),
    ).toBe(true);
    expect(funnel).toContain('47 (78%)');
    // the rejected duplicate cluster shows the kept record SYNTH_0002 (the second record) by its text
    expect(html).toContain('Question 1: ');
  });

  it('bins a judge scale with many distinct scores into ten bars, and keeps one bar per score of a 1–5 rubric', () => {
    const { stats, context } = reportFixture();
    const judgeScores: Record<string, number> = {};
    for (let score = 0; score <= 100; score++) judgeScores[String(score)] = 1 + (score % 7);
    const html = renderReport(stats, { ...context, run: { ...context.run!, judgeScores } });
    const judge = html.slice(html.indexOf('<section id="judge">'), html.indexOf('<section id="duplicates">'));
    expect(judge.match(/class="bar"/g)).toHaveLength(10);
    const height = Number(/height="(\d+)"/.exec(judge)?.[1]);
    expect(height).toBeLessThan(250);
    // every judged record is in a bin
    const counts = [...judge.matchAll(/<title>[^<]*: ([\d,]+)<\/title><\/rect>/g)].map((match) =>
      Number(match[1]!.replace(/,/g, '')),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(
      Object.values(judgeScores).reduce((sum, count) => sum + count, 0),
    );
    const rubric = renderReport(stats, {
      ...context,
      run: { ...context.run!, judgeScores: { '1': 2, '3': 5, '5': 9 } },
    });
    const rubricJudge = rubric.slice(
      rubric.indexOf('<section id="judge">'),
      rubric.indexOf('<section id="duplicates">'),
    );
    expect(rubricJudge.match(/class="bar"/g)).toHaveLength(3);
  });

  it('gives histograms a count axis and writes token counts with thousands separators', () => {
    const { stats, context } = reportFixture();
    const html = renderReport(stats, context);
    const lengths = html.slice(
      html.indexOf('<section id="lengths">'),
      html.indexOf('<section id="distributions">'),
    );
    expect(lengths).toContain('>count</text>');
    expect(lengths).toContain('>characters</text>');
    expect(lengths).toMatch(/class="grid"/);
    const cost = html.slice(html.indexOf('<section id="cost">'));
    expect(cost).toContain('<td class="num">12,000</td>');
    expect(cost).toContain('<td class="num">30,000</td>');
  });

  it('widens the label column for long enum values and keeps the whole value in a tooltip', () => {
    const values = ['a fairly long category name that used to be clipped', '中文类别名称比较长的一个取值'];
    const records = Array.from({ length: 8 }, (_, index) => ({ kind: values[index % 2]! }));
    const html = renderReport(
      computeStats(records, {
        schema: { fields: [{ name: 'kind', type: 'string', constraints: { enum: values } }] },
      }),
    );
    const chart = html.slice(html.indexOf('<section id="distributions">'));
    const labelX = Number(/<text class="label" x="([\d.]+)"/.exec(chart)?.[1]);
    // 40 characters of about 7 px each fit left of the bars, instead of the old fixed 180 px
    expect(labelX).toBeGreaterThan(270);
    expect(chart).toContain(`<title>${values[0]}</title>`);
  });

  it('shows every diversity figure and the nearest-neighbour histogram', () => {
    const { stats, context } = reportFixture();
    const html = renderReport(stats, context);
    const diversity = html.slice(
      html.indexOf('<section id="diversity">'),
      html.indexOf('<section id="rejects">'),
    );
    for (const label of [
      'near-duplicate rate',
      'copies a seed',
      'distinct-1 / 2 / 3 of instruction',
      'length spread of instruction',
      'value spread of category',
      'Similarity to the nearest other record',
    ]) {
      expect(diversity).toContain(label);
    }
    expect(diversity.match(/class="bar"/g)).toHaveLength(10);
  });

  it("shows the judge's agreement with the gold set, warning when it judged its own model's writing", () => {
    const { stats, context } = reportFixture();
    const judgeGold = {
      file: 'gold <1>.jsonl',
      judgeModel: 'claude-sonnet-4-6',
      generatorModel: 'claude-sonnet-4-6',
      sameModelAsGenerator: true,
      threshold: 0.5,
      items: 40,
      scored: 39,
      decisionAgreement: 0.82,
      kappa: 0.61,
      spearman: 0.734,
      calls: 5,
      usage: { inputTokens: 12_345, outputTokens: 2_000, cacheReadTokens: 0, cacheWriteTokens: 0 },
      cost: 0.0412,
    };
    const html = renderReport(stats, { ...context, run: { ...context.run!, judgeGold } });
    const gold = html.slice(
      html.indexOf('<section id="judge-gold">'),
      html.indexOf('<section id="duplicates">'),
    );
    expect(gold).toContain('gold &lt;1&gt;.jsonl');
    expect(gold).toContain('<td>0.61</td>');
    expect(gold).toContain('<td>0.734</td>');
    expect(gold).toContain('<td>82%</td>');
    expect(gold).toContain('<td>5 calls, 12,345 input and 2,000 output tokens, $0.0412</td>');
    expect(gold).toContain('The judge is the generating model (claude-sonnet-4-6)');
    expect(renderReport(stats, context)).not.toContain('<section id="judge-gold">');
  });

  it('draws the diversity over the run as two lines with the target, and lists the points', () => {
    const { stats, context } = reportFixture();
    const html = renderReport(stats, context);
    const trail = html.slice(
      html.indexOf('<section id="diversity-trail">'),
      html.indexOf('<section id="rejects">'),
    );
    // the last point's one record has no bigram: distinct-2 is drawn for four points, the share for five
    expect(trail.match(/<circle class="series-distinct"/g)).toHaveLength(4);
    expect(trail.match(/<circle class="series-duplicates"/g)).toHaveLength(5);
    expect(trail.match(/class="target-line /g)).toHaveLength(1);
    expect(trail).toContain('target distinct-2 ≥ 0.6');
    expect(trail.match(/<tr><td class="num">/g)).toHaveLength(5);
    expect(trail).toContain('<td class="num">n/a</td>');
    // points on the 0–1 axis: y between the plot's top (16) and its baseline (166)
    for (const match of trail.matchAll(/<circle class="[^"]+" cx="[\d.]+" cy="([\d.]+)"/g)) {
      expect(Number(match[1])).toBeGreaterThanOrEqual(16);
      expect(Number(match[1])).toBeLessThanOrEqual(166);
    }
    const { diversityTrail: _trail, ...withoutTrail } = context.run!;
    expect(renderReport(stats, { ...context, run: withoutTrail })).not.toContain('id="diversity-trail"');
  });

  it('renders statistics alone, without a run', () => {
    const html = renderReport(
      computeStats([{ text: 'one two three four' }, { text: 'five six seven eight' }]),
    );
    expect(html).toContain('<section id="lengths">');
    expect(html).not.toContain('<section id="cost">');
    expect(html).toContain('No seeds to compare with.');
  });
});
