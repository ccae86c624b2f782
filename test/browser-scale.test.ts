// The index at a studio's scale (5,000 quests) in a real Chromium at desktop and phone widths: search, chain filter,
// sort, no page-level horizontal scroll, no console errors, and the whole table with JavaScript off.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableOrder } from '../src/publish/quest-table.js';
import type { Serving } from '../src/publish/serve.js';
import { haveChromium, launchChromium, servedSite, waitForCount, waitForText } from './browser-helpers.js';
import { scaleSite } from './fixtures/publish/scale.js';
import { ROOT } from './helpers.js';

const ARTIFACTS = join(ROOT, 'test/artifacts');
const QUESTS = 5000;
const enabled = haveChromium();

let browser: Browser;
let serving: Serving;

beforeAll(async () => {
  if (!enabled) return;
  serving = await servedSite(SITE, new Date('2026-11-22T03:00:00Z'));
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await serving?.close();
});

async function open(width: number, javaScript = true): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Generous: the machine running the tests may be shared; the assertions below are what matters.
  page.setDefaultTimeout(120_000);
  await page.goto(new URL('index.html', serving.url).href, { waitUntil: 'load' });
  if (javaScript) await waitForCount(page, 'figure.chart.interactive', 5);
  return { page, errors };
}

const visibleRows = (page: Page) => page.locator('#quests-table tbody tr').count();
const SITE = scaleSite(QUESTS);
const MOST_COMPLETED = Math.max(...SITE.snapshot.quests.map((q) => q.completed));
const LAST_PAGE = tableOrder(SITE.snapshot.quests.map((q) => ({ q, fileId: q.quest_id })))
  .slice(-200)
  .map((r) => r.q);
/** Browsers on a shared test machine can be slow: what matters is what the assertions check. */
const SLOW = 240_000;
const pageOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe.skipIf(!enabled)(`index with ${QUESTS} quests in Chromium`, () => {
  for (const width of [1280, 390]) {
    it(
      `searches, filters by chain and sorts at ${width} px, without page-level horizontal scroll`,
      async () => {
        const { page, errors } = await open(width);
        // The first page of 200, worst conversion first as published; the tools search all 5,000.
        expect(await visibleRows(page)).toBe(200);
        await waitForText(page, '#quest-count', '5,000 quests');
        // by id
        await page.fill('#quest-search', 'c07-q0712');
        expect(await visibleRows(page)).toBe(1);
        expect(await page.locator('#quests-table tbody tr:not([hidden]) th a').textContent()).toBe(
          'Quest 712 of chain 7',
        );
        // by name words, and by chain
        await page.fill('#quest-search', 'of chain 49');
        expect(await visibleRows(page)).toBe(100);
        await page.fill('#quest-search', '');
        await page.selectOption('#quest-chain', 'Chain 03');
        expect(await visibleRows(page)).toBe(100);
        expect(await page.locator('#quest-count').textContent()).toBe('100 of 5,000 quests');
        await page.selectOption('#quest-chain', '');
        // sort by completed: numbers descending first, then ascending
        const completed = page.locator('#quests-table thead th').nth(1).locator('button');
        await completed.click();
        const col = () =>
          page.evaluate<number[]>(
            "[...document.querySelectorAll('#quests-table tbody tr')].slice(0, 50).map((r) => Number(r.cells[1].textContent.replaceAll(',', '')))",
          );
        const down = await col();
        expect(down).toEqual([...down].sort((a, b) => b - a));
        // over every quest, not the page shown
        expect(down[0]).toBe(MOST_COMPLETED);
        expect(await page.locator('#quest-count').textContent()).toBe(
          '5,000 of 5,000 quests (first 200 shown: narrow the search)',
        );
        await completed.click();
        const up = await col();
        expect(up).toEqual([...up].sort((a, b) => a - b));
        expect(await page.locator('#quests-table thead th').nth(1).getAttribute('aria-sort')).toBe('ascending');
        expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
        // charts fit their box at this width (re-laid out, not shrunk)
        for (const fig of await page.locator('figure.chart').all()) {
          const box = await fig.boundingBox();
          expect(box?.width ?? 0).toBeLessThanOrEqual(width);
        }
        await page.screenshot({ path: join(ARTIFACTS, `index-${QUESTS}-${width}.png`) });
        expect(errors).toEqual([]);
      },
      SLOW,
    );
  }

  it(
    'pages the table with plain links with JavaScript off, every quest reachable, no page-level horizontal scroll',
    async () => {
      const { page, errors } = await open(390, false);
      expect(await page.locator('#quests-table tbody tr').count()).toBe(200);
      expect(await page.locator('#quest-tools').isVisible()).toBe(false);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      const links = page.locator('nav.pager li');
      expect(await links.count()).toBe(25);
      await page.locator('nav.pager a', { hasText: /^25$/ }).click();
      await page.waitForLoadState('load');
      expect(page.url()).toMatch(/\/list\/page-25\.html$/);
      // The last 200 of the default order (worst conversion first, then the quests nobody met).
      const names = await page.locator('#quests-table tbody th a').allTextContents();
      expect(names).toEqual(LAST_PAGE.map((q) => q.name));
      expect(await page.locator('#quests-table tbody th a').first().getAttribute('href')).toBe(
        `../quests/${LAST_PAGE[0]?.quest_id}.html`,
      );
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    'charts show the quests that need attention and the cards the change since the previous snapshot',
    async () => {
      const { page } = await open(1280, false);
      const titles = await page.locator('figure.chart figcaption h3').allTextContents();
      expect(titles[0]).toMatch(/^Lowest conversion: where players stand/);
      expect(titles[1]).toMatch(/^Lowest conversion first/);
      expect(titles[2]).toMatch(/^Largest drop-off/);
      expect(titles[3]).toMatch(/^Slowest/);
      // Every quest gained one completion since 2026-11-20 (the fixture adds `day`), capped where all who met it finished.
      const card = await page.locator('section.intro .cards > div', { hasText: 'Completions' }).textContent();
      expect(card).toMatch(/\+[\d,]+ since 2026-11-20/);
    },
    SLOW,
  );
});
