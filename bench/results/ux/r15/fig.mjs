// One element of a page as a PNG (and the start of its HTML): node fig.mjs URL SELECTOR OUT.png [WIDTH]
import { createRequire } from 'node:module';
const require = createRequire(`${process.cwd()}/`);
const { chromium } = require('playwright-core');
const [url, sel, out, w] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: Number(w || 1280), height: 900 } })).newPage();
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(1500);
await page.locator(sel).first().screenshot({ path: out });
console.log(await page.locator(sel).first().innerHTML().then(h => h.slice(0, 1500)));
await browser.close();
