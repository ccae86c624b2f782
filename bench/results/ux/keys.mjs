// Round 14: the quest table by keyboard in Chromium (playwright-core, /usr/bin/chromium) at 1,280 and 390 px: the Tab
// order from the top of the page, a visible focus ring on each stop, search / chain filter / sort driven by keys only.
// node keys.mjs http://127.0.0.1:PORT/   (run from a checkout: playwright-core comes from its node_modules)
import { createRequire } from 'node:module';
const require = createRequire(`${process.cwd()}/`);
const { chromium } = require('playwright-core');
const base = process.argv[2];
const extraCss = process.argv[3]; // a candidate fix, injected into each page
const extraJs = process.argv[4];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const describe = () => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const cs = getComputedStyle(e);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  const inView = r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight && r.width > 0;
  // inside a horizontal scroller: is it within the scroller's visible box?
  const wrap = e.closest('.table-wrap');
  let inWrap = true;
  if (wrap) { const w = wrap.getBoundingClientRect(); inWrap = r.left >= w.left - 1 && r.right <= w.right + 1; }
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  const covered = inView && hit && !e.contains(hit) && !hit.contains(e);
  const label = e.id ? `#${e.id}` : (e.textContent || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30);
  return `${e.tagName.toLowerCase()}:${label}${ring ? '' : ' [NO RING]'}${inView ? '' : ' [OFF SCREEN]'}${inWrap ? '' : ' [CLIPPED IN SCROLLER]'}${covered ? ` [COVERED BY ${hit.tagName.toLowerCase()}:${hit.textContent.trim().slice(0, 20)}]` : ''}`;
};
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: Boolean(extraCss || extraJs) });
  const page = await ctx.newPage();
  const errs = [];
  page.on('pageerror', (e) => errs.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errs.push(m.text()));
  await page.goto(`${base}index.html`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#quest-tools:not([hidden])');
  if (extraCss) await page.addStyleTag({ content: extraCss });
  if (extraJs) await page.addScriptTag({ content: extraJs });
  console.log('sticky column width', await page.evaluate(() => document.querySelector('#quests-table thead th').getBoundingClientRect().width));
  const stops = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(describe));
  }
  console.log(`\n== ${width}px Tab order:`);
  console.log(stops.map((s, i) => `${i + 1}. ${s}`).join('\n'));
  // and back from the first row link through the sort buttons
  await page.focus('#quests-table tbody a');
  const back = [];
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press('Shift+Tab');
    back.push(await page.evaluate(describe));
  }
  console.log(`== ${width}px Shift+Tab from the first row:`);
  console.log(back.join(' | '));
  // search by keyboard
  await page.focus('#quest-search');
  await page.keyboard.type('wolf');
  await page.waitForTimeout(200);
  const status = () => page.evaluate(() => document.getElementById('quest-count').textContent);
  const firstRows = (n) => page.evaluate((n) => [...document.querySelectorAll('#quests-table tbody tr')].slice(0, n).map((r) => r.cells[0].textContent.trim().slice(0, 40)), n);
  console.log('type "wolf":', await status(), await firstRows(3));
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  console.log('Escape in search:', JSON.stringify(await page.inputValue('#quest-search')), await status());
  await page.fill('#quest-search', '');
  await page.dispatchEvent('#quest-search', 'input');
  await page.keyboard.press('Tab');
  console.log('Tab from search ->', await page.evaluate(describe));
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(200);
  console.log('ArrowDown on chain:', await page.inputValue('#quest-chain'), await status(), await firstRows(2));
  await page.selectOption('#quest-chain', '');
  await page.dispatchEvent('#quest-chain', 'change');
  // sort by keyboard: Tab to the "Completed" button, Enter, then Space
  await page.focus('#quest-chain');
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Completed')) && guard++ < 10) await page.keyboard.press('Tab');
  const sorts = () => page.evaluate(() => [...document.querySelectorAll('#quests-table thead th')].filter((t) => t.getAttribute('aria-sort') !== 'none').map((t) => `${t.textContent.trim()}:${t.getAttribute('aria-sort')}`));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150);
  console.log('Enter on Completed:', await sorts(), await firstRows(2), 'focus', await page.evaluate(describe));
  await page.keyboard.press('Space');
  await page.waitForTimeout(150);
  console.log('Space on Completed:', await sorts(), await firstRows(2));
  await page.keyboard.press('Tab');
  console.log('next Tab ->', await page.evaluate(describe));
  console.log('errors', errs);
  await ctx.close();
}
await browser.close();
