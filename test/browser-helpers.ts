// Waiting in a page whose CSP (script-src 'self', no 'unsafe-eval') refuses string evaluation: Playwright evaluates
// a string predicate of page.waitForFunction again on every poll with eval, which that CSP blocks whenever the first
// check is false (CI failed so at eae736d). Locators wait through Playwright's own selector engine, which needs no eval.
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { recorder, silent } from '../src/domain/effects.js';
import type { SiteData } from '../src/publish/api.js';
import { writeSite } from '../src/publish/publish.js';
import { type Serving, serve } from '../src/publish/serve.js';
import { haveFile, haveTool, tempDir } from './helpers.js';

/** Debian's Chromium (apt `chromium`), never a downloaded one. */
const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser suites run: in CI a missing Chromium fails them (helpers.ts haveTool). */
export const haveChromium = () => haveTool(haveFile(CHROMIUM), 'Chromium', 'apt-get install chromium');

/** A headless Chromium with nothing of its own on the network (no updates, no first-run pages). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** `site` written to a fresh folder at the clock `now` and served on a free port (close it after the suite). */
export async function servedSite(site: SiteData, now: Date): Promise<Serving> {
  const out = join(tempDir(), 'site');
  await writeSite(site, { out }, { ...recorder(), now: () => now });
  return serve({ dir: out, port: 0 }, silent);
}

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
