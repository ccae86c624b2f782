import { chromium } from '/work/wt/ux12/node_modules/playwright-core/index.mjs';
const base = process.argv[2];
const pages = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
for (const js of [true, false]) for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: 900 } });
  for (const p of pages) {
    const page = await ctx.newPage();
    const errs = []; const failed = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errs.push(m.type() + ': ' + m.text().slice(0, 200)); });
    page.on('pageerror', (e) => errs.push('pageerror: ' + e.message));
    page.on('response', (r) => { if (r.status() >= 400) failed.push(r.status() + ' ' + r.url()); });
    page.on('requestfailed', (r) => failed.push('failed ' + r.url()));
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(Number(process.env.WAIT ?? 300));
    const info = await page.evaluate(() => {
      const over = [];
      const vw = document.documentElement.clientWidth;
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1 && r.width > 0) {
          // inside a scrolling box is fine
          let s = el.parentElement, boxed = false;
          while (s) { const cs = getComputedStyle(s); if (/(auto|scroll|hidden)/.test(cs.overflowX) && s !== document.body && s !== document.documentElement) { boxed = true; break; } s = s.parentElement; }
          if (!boxed) over.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
        }
      }
      return { sw: document.documentElement.scrollWidth, vw, over: over.slice(0, 5), nover: over.length,
        charts: document.querySelectorAll('figure.chart').length, interactive: document.querySelectorAll('figure.chart.interactive').length,
        rows: document.querySelectorAll('table tbody tr').length, title: document.title,
        cards: [...document.querySelectorAll('.card, .cards > *, .headline > *')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()).slice(0, 6) };
    });
    console.log(`[js=${js} w=${width}] ${p}: scrollW ${info.sw}/${info.vw} overflow ${info.nover} ${info.over.join('; ')} charts ${info.charts}/${info.interactive} rows ${info.rows} errs ${errs.length} failed ${failed.length}`);
    for (const e of errs.slice(0, 4)) console.log('   ', e);
    for (const e of failed.slice(0, 4)) console.log('   ', e);
    if (p === 'index.html' && width === 1280) console.log('    cards:', JSON.stringify(info.cards));
    await page.close();
  }
  await ctx.close();
}
await browser.close();
