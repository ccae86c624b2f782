// Waiting in a page whose CSP (script-src 'self', no 'unsafe-eval') refuses string evaluation: Playwright evaluates
// a string predicate of page.waitForFunction again on every poll with eval, which that CSP blocks whenever the first
// check is false (CI failed so at eae736d). Locators wait through Playwright's own selector engine, which needs no eval.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until exactly `count` elements match `selector` (the selector only ever gains matches while we wait). */
export async function waitForCount(page: Page, selector: string, count: number): Promise<void> {
  await page
    .locator(selector)
    .nth(count - 1)
    .waitFor({ state: 'attached' });
  expect(await page.locator(selector).count()).toBe(count);
}

/** Waits until the element matching `selector` has exactly `text` as its text. */
export async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}
