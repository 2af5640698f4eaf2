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

  it('renders statistics alone, without a run', () => {
    const html = renderReport(
      computeStats([{ text: 'one two three four' }, { text: 'five six seven eight' }]),
    );
    expect(html).toContain('<section id="lengths">');
    expect(html).not.toContain('<section id="cost">');
    expect(html).toContain('No seeds to compare with.');
  });
});
