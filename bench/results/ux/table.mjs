import { chromium } from '/work/wt/ux12/node_modules/playwright-core/index.mjs';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const width of [1280, 390]) {
const ctx = await browser.newContext({ viewport: { width, height: 900 } });
const page = await ctx.newPage();
const errs = []; page.on('pageerror', (e) => errs.push(e.message)); page.on('console', (m) => m.type() === 'error' && errs.push(m.text()));
await page.goto(base + 'index.html', { waitUntil: 'networkidle' });
const table = page.locator('table').filter({ has: page.locator('#quest-search') }).first();
const rows = () => page.evaluate(() => { const t = document.querySelector('#quest-search').closest('section, div, form')?.parentElement?.querySelector('table') ?? document.querySelectorAll('table')[0]; return [...document.querySelectorAll('table')].map((t) => t.tBodies[0]?.rows.length ?? 0); });
const firstCells = (n) => page.evaluate((n) => { const t = [...document.querySelectorAll('table')].find((t) => t.querySelector('thead th[aria-sort], thead button')); return [...t.tBodies[0].rows].slice(0, n).map((r) => r.textContent.replace(/\s+/g, ' ').trim().slice(0, 120)); }, n);
console.log('w', width, 'tables rows', await rows());
await page.fill('#quest-search', 'Wild Letter');
await page.waitForTimeout(400);
console.log('search "Wild Letter":', await firstCells(5), 'status:', await page.evaluate(() => document.querySelector('[aria-live]')?.textContent?.trim()));
await page.fill('#quest-search', 'zzzz-nothing');
await page.waitForTimeout(400);
console.log('search nothing:', await firstCells(3), 'status:', await page.evaluate(() => document.querySelector('[aria-live]')?.textContent?.trim()));
await page.fill('#quest-search', '');
const opts = await page.evaluate(() => [...document.querySelectorAll('#quest-chain option')].map((o) => o.value));
console.log('chain options', opts.length, opts.slice(0, 4));
await page.selectOption('#quest-chain', opts[2]);
await page.waitForTimeout(400);
console.log('filter', opts[2], await firstCells(50).then((r) => r.length), (await firstCells(3)));
await page.selectOption('#quest-chain', opts[0]);
await page.waitForTimeout(300);
const heads = await page.evaluate(() => [...document.querySelectorAll('thead th button, thead th a')].map((b) => b.textContent.trim()).slice(0, 20));
console.log('sortable heads', heads);
for (const h of ['Median time', 'Completed', 'Quest']) {
  const b = page.locator('thead th button', { hasText: h }).first();
  if (await b.count() === 0) { console.log('no sort button', h); continue; }
  await b.click(); await page.waitForTimeout(300);
  console.log('sort', h, 'asc?', await page.evaluate(() => [...document.querySelectorAll('thead th[aria-sort]')].map((t) => t.textContent.trim() + ':' + t.getAttribute('aria-sort'))), await firstCells(3));
  await b.click(); await page.waitForTimeout(300);
  console.log('sort', h, 'again', await firstCells(3));
}
console.log('errors', errs);
await ctx.close();
}
await browser.close();
