import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { computeStats } from '../stats/index.js';
import { renderReport } from './render-report.js';
import { reportFixture } from './report-fixture.js';

interface SvgInfo {
  width: number;
  height: number;
  bars: number;
  visibleBars: number;
  targets: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);
if (!available && !inCi) {
  console.warn(
    `render-report.browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH). In CI it always runs.`,
  );
}

// Outside CI, a machine without Chromium skips; in CI a missing Chromium fails the launch loudly.
describe.skipIf(!available && !inCi)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart with the expected bars, with no console error and no request', async () => {
    const { stats, context } = reportFixture();
    const file = `${makeTempDir()}/report.html`;
    fs.writeFileSync(file, renderReport(stats, context));
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });

    const charts: { id: string; svgs: SvgInfo[] }[] = await page.$$eval('section', (sections) =>
      sections.map((section) => ({
        id: section.id,
        svgs: [...section.querySelectorAll('svg.chart')].map((svg) => {
          const box = svg.getBoundingClientRect();
          const bars = [...svg.querySelectorAll('rect.bar')].map((bar) => bar.getBoundingClientRect());
          return {
            width: box.width,
            height: box.height,
            bars: bars.length,
            visibleBars: bars.filter((bar) => bar.width > 0 && bar.height > 0).length,
            targets: svg.querySelectorAll('line.target').length,
          };
        }),
      })),
    );
    const byId = Object.fromEntries(charts.map((entry) => [entry.id, entry.svgs]));
    for (const svg of charts.flatMap((entry) => entry.svgs)) {
      expect(svg.width).toBeGreaterThan(100);
      expect(svg.height).toBeGreaterThan(10);
      expect(svg.visibleBars).toBe(svg.bars);
    }
    expect(byId.funnel?.map((svg) => svg.bars)).toEqual([5]);
    // one length histogram per text field; their bars are the stats' histogram bins
    const lengthFields = stats.fields.filter((field) => field.length && !field.values);
    expect(byId.lengths?.map((svg) => svg.bars)).toEqual(
      lengthFields.map((field) => field.length!.histogram.length),
    );
    // three enum values, each with its target tick
    expect(byId.distributions?.[0]).toMatchObject({ bars: 3, targets: 3 });
    expect(byId.judge?.map((svg) => svg.bars)).toEqual([3]);
    expect(byId.rejects?.map((svg) => svg.bars)).toEqual([4]);
    expect(byId.cost?.map((svg) => svg.bars)).toEqual([2]);
    // the diversity over the run: every point drawn inside its chart
    const trailPoints = await page.$$eval('#diversity-trail svg.chart', (svgs) => {
      const box = svgs[0]!.getBoundingClientRect();
      return [...svgs[0]!.querySelectorAll('circle')].map((circle) => {
        const point = circle.getBoundingClientRect();
        return point.width > 0 && point.top >= box.top && point.bottom <= box.bottom;
      });
    });
    expect(trailPoints).toEqual(Array(9).fill(true));
    // the hostile record text is shown as text, not run
    expect(await page.locator('text=<script>alert("x")</script>').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps a 0–100 judge scale short, enum labels whole, histograms with a count axis, CJK in a CJK font', async () => {
    const { context } = reportFixture();
    const values = [
      'a fairly long category name that used to be clipped',
      '中文类别名称比较长的一个取值',
      'x',
    ];
    const records = Array.from({ length: 30 }, (_, index) => ({
      instruction: `第 ${index} 条：请用三句话介绍长城的历史 ${'和意义'.repeat(index % 6)}`,
      kind: values[index % 3]!,
    }));
    const schema = {
      fields: [
        { name: 'instruction', type: 'string' },
        { name: 'kind', type: 'string', constraints: { enum: values } },
      ],
    };
    const judgeScores: Record<string, number> = {};
    for (let score = 0; score <= 100; score++) judgeScores[String(score)] = 1 + (score % 5);
    const html = renderReport(computeStats(records, { schema }), {
      records,
      run: { ...context.run!, judgeScores, enumTargets: {} },
    });
    const file = `${makeTempDir()}/report-fixes.html`;
    fs.writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    if (process.env.REPORT_SCREENSHOT)
      await page.screenshot({ path: process.env.REPORT_SCREENSHOT, fullPage: true });

    const judgeHeight = await page.$eval('#judge svg.chart', (svg) => svg.getBoundingClientRect().height);
    expect(judgeHeight).toBeLessThan(250);
    // every label lies wholly inside its chart
    const clipped = await page.$$eval('svg.chart', (svgs) =>
      svgs.flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((text) => {
            const label = text.getBoundingClientRect();
            return label.left < box.left - 0.5 || label.right > box.right + 0.5;
          })
          .map((text) => text.textContent);
      }),
    );
    expect(clipped).toEqual([]);
    const lengthAxis = await page.$$eval('#lengths svg.chart text.axis', (texts) =>
      texts.map((text) => text.textContent),
    );
    expect(lengthAxis).toContain('count');
    expect(lengthAxis).toContain('0');
    const tokens = await page.$$eval('#cost td.num', (cells) => cells.map((cell) => cell.textContent));
    expect(tokens).toContain('12,000');
    const fontFamily = await page.$eval(
      'body',
      (body) => body.ownerDocument.defaultView!.getComputedStyle(body).fontFamily,
    );
    expect(fontFamily).toMatch(/Noto Sans CJK SC/);
    expect(fontFamily).toMatch(/PingFang SC/);
    await page.close();
  }, 60_000);
});
