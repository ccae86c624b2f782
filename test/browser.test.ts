// The published report in a real Chromium (Debian package) driven by playwright-core, served over real HTTP.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { type Serving, serve } from '../src/publish/serve.js';
import { haveChromium, launchChromium, waitForCount } from './browser-helpers.js';
import { cli, ROOT } from './helpers.js';
import { fixtureProject } from './publish-helpers.js';

const ARTIFACTS = join(ROOT, 'test/artifacts');
const enabled = haveChromium();

let browser: Browser;
let serving: Serving;
let site: string;

beforeAll(async () => {
  if (!enabled) return;
  const project = fixtureProject();
  for (const day of ['2026-11-20', '2026-11-21']) {
    const r = cli(['nightly', '--as-of', day], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
  }
  site = join(project, 'site');
  serving = await serve({ dir: site, port: 0 }, silent);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
});

interface Visit {
  page: Page;
  errors: string[];
  outside: string[];
  dialogs: string[];
  /** Every URL the page asked for, in order. */
  requests: string[];
}

/** Opens a page, recording console errors, uncaught exceptions, dialogs (alert = XSS) and requests leaving the site. */
async function visit(path: string, opts: { javaScript?: boolean; width?: number; base?: string } = {}): Promise<Visit> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScript ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  const v: Visit = { page, errors: [], outside: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') v.errors.push(m.text());
  });
  page.on('pageerror', (e) => v.errors.push(e.message));
  page.on('dialog', (d) => {
    v.dialogs.push(d.message());
    void d.dismiss();
  });
  const base = opts.base ?? serving.url;
  page.on('request', (r) => {
    v.requests.push(r.url());
    if (!r.url().startsWith(base)) v.outside.push(r.url());
  });
  await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
  return v;
}

async function expectCharts(page: Page, min: number) {
  const figures = page.locator('figure.chart');
  expect(await figures.count()).toBeGreaterThanOrEqual(min);
  for (const fig of await figures.all()) {
    expect(await fig.locator('svg').count()).toBeGreaterThan(0);
    expect((await fig.locator('figcaption h3').textContent())?.trim()).not.toBe('');
    // The numbers behind the chart, as a table.
    expect(await fig.locator('details table tbody tr').count()).toBeGreaterThan(0);
  }
}

describe.skipIf(!enabled)('report in Chromium', () => {
  it('index: SVG charts with text alternatives, upgraded to interactive, no errors, nothing fetched elsewhere', async () => {
    const v = await visit('index.html');
    // Status, lowest conversion first, durations, trend.
    await expectCharts(v.page, 4);
    const figures = await v.page.locator('figure.chart').count();
    await waitForCount(v.page, 'figure.chart.interactive', figures);
    for (const svg of await v.page.locator('figure.chart svg[role="img"]').all()) {
      expect(await svg.getAttribute('aria-label')).toBeTruthy();
    }
    expect(await v.page.locator('table.quests tbody tr').count()).toBe(5);
    const heads = await v.page.locator('table.quests thead th').allTextContents();
    expect(heads.slice(7, 10)).toEqual(['Reach', 'Conversion', 'Completion rate']);
    await v.page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: true });
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
    expect(v.dialogs).toEqual([]);
  });

  it('renders hostile quest names as text and runs nothing', async () => {
    const v = await visit('index.html');
    const names = await v.page.locator('table.quests tbody th a').allTextContents();
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain('</script><script>alert(1)</script>');
    expect(await v.page.locator('img').count()).toBe(0);
    // The fixture's privacy floor is 2: the </script> quest, met by p4 alone, is suppressed and draws no chart.
    for (const [name, charts] of [
      ['<img src=x onerror=alert(1)>', 2],
      ['</script><script>alert(1)</script>', 0],
    ] as const) {
      await v.page.getByRole('link', { name, exact: true }).click();
      await v.page.waitForLoadState('networkidle');
      expect(await v.page.locator('h1').textContent()).toBe(name);
      expect(await v.page.locator('img').count()).toBe(0);
      await expectCharts(v.page, charts);
      await v.page.goBack();
    }
    expect(v.dialogs).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
  });

  it('quest page: status, histogram, survival and history charts, figures, history table, JSON link', async () => {
    const v = await visit('quests/FET0001.html');
    await expectCharts(v.page, 4);
    expect(await v.page.locator('#chart-history details[open] tbody tr').count()).toBe(2);
    const json = await v.page.getByRole('link', { name: 'this quest' }).getAttribute('href');
    expect(json).toBe('../api/v1/quests/FET0001.json');
    await waitForCount(v.page, 'figure.chart.interactive', 4);
    // The page embeds no spec: the charts' come from the one file beside it, asked for once, and the history chart's
    // data from the quest's history.json, which holds the open month (2 dates x 6 statuses = 12 bars, zero-height ones
    // included).
    expect(await v.page.locator('script.chart-spec').count()).toBe(0);
    const asked = v.requests.map((u) => new URL(u).pathname);
    expect(asked.filter((p) => p === '/quests/FET0001.specs.json')).toHaveLength(1);
    expect(asked).toContain('/api/v1/quests/FET0001/history.json');
    expect(await v.page.locator('#chart-history.interactive .mark-rect path').count()).toBe(12);
    // Status, histogram and survival read the quest's JSON, asked for once for the three: a bar per status, a bar per row
    // of the histogram's table, the curve and its band.
    expect(asked.filter((p) => p === '/api/v1/quests/FET0001.json')).toHaveLength(1);
    expect(await v.page.locator('#chart-status.interactive .mark-rect path').count()).toBe(6);
    const bins = await v.page.locator('#chart-histogram tbody tr').count();
    expect(bins).toBeGreaterThan(1);
    expect(await v.page.locator('#chart-histogram.interactive .mark-rect path').count()).toBe(bins);
    expect(await v.page.locator('#chart-survival.interactive .mark-line path').count()).toBe(1);
    expect(await v.page.locator('#chart-survival.interactive .mark-area path').count()).toBe(1);
    // Each chart's "Vega-Lite spec" link downloads that chart's own spec.
    const link = v.page.locator('#chart-histogram .chart-source a');
    expect(await link.getAttribute('download')).toBe('FET0001.histogram.vl.json');
    const download = v.page.waitForEvent('download');
    await link.click();
    const spec = JSON.parse(readFileSync((await (await download).path()) as string, 'utf8'));
    expect(spec.mark).toMatchObject({ type: 'bar' });
    await v.page.screenshot({ path: join(ARTIFACTS, 'quest.png'), fullPage: true });
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
  });

  it('reads with JavaScript off (static SVG) and fits a phone screen', async () => {
    const v = await visit('index.html', { javaScript: false, width: 390 });
    await expectCharts(v.page, 3);
    expect(await v.page.locator('figure.chart svg > title').count()).toBe(5);
    const overflow = await v.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await v.page.screenshot({ path: join(ARTIFACTS, 'index-mobile.png'), fullPage: true });
    expect(v.errors).toEqual([]);
  });

  it('quest page with JavaScript off: the static SVG charts are visible and named', async () => {
    const v = await visit('quests/FET0001.html', { javaScript: false });
    await expectCharts(v.page, 4);
    const svgs = await v.page.locator('figure.chart .chart-body > svg[role="img"]').all();
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(await svg.getAttribute('aria-label')).toBeTruthy();
      expect(await svg.locator('> title').count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
    }
    expect(await v.page.locator('#chart-history svg text', { hasText: 'Not encountered' }).count()).toBe(1);
    // What the page writes once (the charts' shared attributes on groups, the breakdowns' alignment in the stylesheet)
    // reaches every element, as the attributes each element carried did.
    // The first element matching, or the `nth`: the status chart's first tick label is anchored at its start.
    const css = (selector: string, property: string, nth = 0) =>
      v.page.evaluate<string>(
        `getComputedStyle(document.querySelectorAll(${JSON.stringify(selector)})[${nth}])[${JSON.stringify(property)}]`,
      );
    expect(await css('#chart-status svg text', 'fontSize', 1)).toBe('11px');
    expect(await css('#chart-status svg text', 'fill', 1)).toBe('rgb(74, 85, 104)');
    expect(await css('#chart-status svg text', 'textAnchor', 1)).toBe('middle');
    expect(await css('#chart-status svg text', 'textAnchor')).toBe('start');
    expect(await css('#chart-histogram svg g[stroke="#edf2f7"] path', 'stroke')).toBe('rgb(237, 242, 247)');
    expect(await css('#chart-histogram svg g[stroke="#edf2f7"] path', 'fill')).toBe('none');
    expect(await css('.breakdown tbody td', 'textAlign')).toBe('right');
    expect(await css('.breakdown tbody td', 'whiteSpace')).toBe('nowrap');
    expect(await css('.breakdown tbody td:last-child', 'textAlign')).toBe('left');
    expect(await css('.breakdown tbody td:last-child', 'whiteSpace')).toBe('normal');
    expect(await css('.breakdown .range > path', 'vectorEffect')).toBe('non-scaling-stroke');
    expect(await css('.breakdown .range > path', 'stroke')).toBe('rgb(49, 130, 206)');
    expect(await css('.breakdown .range > path', 'fill')).toBe('none');
    expect(await css('.breakdown .point > circle', 'fill')).toBe('rgb(44, 82, 130)');
    expect(await v.page.locator('figure.chart.interactive').count()).toBe(0);
    await v.page.screenshot({ path: join(ARTIFACTS, 'quest-static.png'), fullPage: true });
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
  });

  it('quest page opened from disk (file://): static charts, nothing fetched, no errors', async () => {
    const v = await visit('quests/FET0001.html', { base: `file://${site}/` });
    const svgs = await v.page.locator('figure.chart .chart-body > svg[role="img"]').all();
    expect(svgs).toHaveLength(4);
    expect(await v.page.locator('figure.chart.interactive').count()).toBe(0);
    expect(v.requests.filter((u) => /\.json$/.test(u))).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
  });
});
