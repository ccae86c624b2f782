// The quest table by keyboard in a real Chromium: the Tab order (search, chain, published order, the sort buttons in
// column order, the rows), the way back to the published order after a sort, and every sort button wholly visible
// when focused, at desktop and phone widths, forwards and backwards. At 390 px a button reached with Shift+Tab was
// left under the sticky quest column, and one half out of the scrolling box stayed half out (focus scrolls only a
// wholly hidden element into view).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serving } from '../src/publish/serve.js';
import { haveChromium, launchChromium, servedSite } from './browser-helpers.js';
import { NOW, SITE } from './fixtures/publish/site.js';

const enabled = haveChromium();
let browser: Browser;
let serving: Serving;

beforeAll(async () => {
  if (!enabled) return;
  serving = await servedSite(SITE, NOW);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serving?.close();
});

/** The focused element: its name, and whether all of it shows (inside the scrolling box, nothing painted over it). */
// A string: test TypeScript has no DOM types.
const FOCUSED = `(() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const wrap = e.closest('.table-wrap')?.getBoundingClientRect();
  const inside = !wrap || (r.left >= wrap.left - 0.5 && r.right <= wrap.right + 0.5);
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const shown = inside && hit !== null && (e.contains(hit) || hit.contains(e));
  return { name: e.id ? '#' + e.id : (e.textContent ?? '').trim(), shown };
})()`;
const focused = (page: Page) => page.evaluate<{ name: string; shown: boolean }>(FOCUSED);

describe.skipIf(!enabled)('quest table by keyboard', () => {
  it.each([1280, 390])('at %i px: Tab order, and each sort button wholly in view both ways', async (width) => {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('index.html', serving.url).href);
    await page.waitForSelector('#quest-tools:not([hidden])');
    const columns = (await page.locator('#quests-table thead th').allTextContents()).map((t) => t.trim());
    const firstQuest = (await page.locator('#quests-table tbody th a').first().textContent())?.trim();

    await page.focus('#quest-search');
    const forward = [await focused(page)];
    for (let i = 0; i <= columns.length + 2; i++) {
      await page.keyboard.press('Tab');
      forward.push(await focused(page));
    }
    expect(forward.map((f) => f.name)).toEqual([
      '#quest-search',
      '#quest-chain',
      '#quest-reset',
      ...columns,
      firstQuest,
    ]);
    expect(forward.filter((f) => !f.shown)).toEqual([]);

    const back = [];
    for (let i = 0; i < columns.length; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focused(page));
    }
    expect(back.map((f) => f.name)).toEqual([...columns].reverse());
    expect(back.filter((f) => !f.shown)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each(['Enter', ' '])('"Published order" (key %j) undoes any sort: rows, aria-sort and focus', async (key) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('index.html', serving.url).href);
    await page.waitForSelector('#quest-tools:not([hidden])');
    const names = () => page.locator('#quests-table tbody th a').allTextContents();
    const sorts = () =>
      page.evaluate<string[]>(
        "[...document.querySelectorAll('#quests-table thead th')].map((h) => h.getAttribute('aria-sort'))",
      );
    const reset = page.locator('#quest-reset');
    const published = { names: await names(), sorts: await sorts(), count: await page.textContent('#quest-count') };
    expect(published.sorts.filter((s) => s !== 'none')).toEqual(['ascending']);
    expect(await reset.getAttribute('aria-disabled')).toBe('true');

    // Sorted twice (Completed descending, then ascending): the published order is one key press away.
    const completed = page.locator('#quests-table thead th').nth(1).locator('button');
    await completed.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect((await sorts())[1]).toBe('ascending');
    expect(await names()).not.toEqual(published.names);
    expect(await reset.getAttribute('aria-disabled')).toBe('false');
    await reset.focus();
    await page.keyboard.press(key);
    expect(await names()).toEqual(published.names);
    expect(await sorts()).toEqual(published.sorts);
    expect(await page.textContent('#quest-count')).toBe(published.count);
    expect(await reset.getAttribute('aria-disabled')).toBe('true');
    expect((await focused(page)).name).toBe('#quest-reset');
    // Pressed again it does nothing; a search stays as typed, its hits back in the published order.
    await page.keyboard.press(key);
    expect(await names()).toEqual(published.names);
    await page.fill('#quest-search', 'a');
    const hits = await names();
    await completed.click();
    await reset.click();
    expect(await names()).toEqual(hits);
    expect(hits).toEqual(published.names.filter((n) => hits.includes(n)));
    expect(errors).toEqual([]);
  });
});
