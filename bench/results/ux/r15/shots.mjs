// Screenshots of the demo site at desktop and phone widths, plus console errors and failed requests.
// node shots.mjs BASE_URL OUT_DIR page1 page2 ...
import { createRequire } from 'node:module';
const require = createRequire(`${process.cwd()}/`);
const { chromium } = require('playwright-core');
const [base, out, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const width of [1280, 390]) {
  for (const p of pages) {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`failed ${r.url()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    await page.goto(new URL(p, base).href, { waitUntil: 'networkidle' });
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    const name = `${p.replace(/[/.]/g, '_')}-${width}.png`;
    const height = await page.evaluate('document.documentElement.scrollHeight');
    const step = width > 1000 ? 1000 : 1300;
    for (let y = 0, i = 0; y < height; y += step, i++) {
      const clip = { x: 0, y, width, height: Math.min(step, height - y) };
      await page.screenshot({ path: `${out}/${name.replace('.png', `-${i}.png`)}`, fullPage: true, clip });
    }
    console.log(width, p, 'overflow', overflow, 'problems', JSON.stringify(problems));
    await page.close();
  }
}
await browser.close();
