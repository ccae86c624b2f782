// Whether two published sites' pages look the same (issue 16 notes, round 11 bytes16k): each page opened from disk
// (file://, JavaScript off: the static charts) in Chromium at 1,280 and 390 px, full-page screenshots compared pixel
// for pixel (decoded RGBA), and each `.chart-body svg` and segment `svg.ranges` screenshot likewise (count of differing
// pixels, largest channel difference). The page's generation time is set to one value first (a copy beside the page).
//   node bench/results/issue16/bytes16k/pixels.mjs SITE_A SITE_B PAGE...   (PAGE: path in the site, e.g. quests/X.html)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [a, b, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
// Decoded pixels of a PNG screenshot: drawn in a canvas of a blank page (same browser, same decoder).
const decoder = await (await browser.newContext()).newPage();
async function compare(pngA, pngB) {
  return decoder.evaluate(
    async ([a, b]) => {
      const px = async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.width, img.height];
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return { w: c.width, h: c.height, d: g.getImageData(0, 0, c.width, c.height).data };
      };
      const [x, y] = [await px(a), await px(b)];
      if (x.w !== y.w || x.h !== y.h) return `size ${x.w}x${x.h} vs ${y.w}x${y.h}`;
      let [n, max] = [0, 0];
      const box = [Infinity, Infinity, -1, -1];
      for (let i = 0; i < x.d.length; i += 4) {
        let m = 0;
        for (let k = 0; k < 4; k++) m = Math.max(m, Math.abs(x.d[i + k] - y.d[i + k]));
        if (m === 0) continue;
        n++;
        max = Math.max(max, m);
        const [px, py] = [(i / 4) % x.w, Math.floor(i / 4 / x.w)];
        [box[0], box[1], box[2], box[3]] = [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)];
      }
      return n === 0 ? '' : `${n} of ${x.w * x.h} px differ, by up to ${max}, in x ${box[0]}-${box[2]}, y ${box[1]}-${box[3]}`;
    },
    [pngA.toString('base64'), pngB.toString('base64')],
  );
}
/** A copy of the page beside it with the generation time fixed. */
function normalized(site, p) {
  const file = join(dirname(join(site, p)), `.pix-${p.split('/').pop()}`);
  const html = readFileSync(join(site, p), 'utf8').replace(/<time datetime="[^"]*">[^<]*<\/time>/g, '<time>T</time>');
  writeFileSync(file, html);
  return file;
}
let [same, differ] = [0, 0];
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  for (const p of pages) {
    const shots = [];
    for (const site of [a, b]) {
      const file = normalized(site, p);
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const full = await page.screenshot({ fullPage: true });
      const charts = [];
      for (const el of await page.locator('.chart-body svg, svg.ranges').all()) charts.push(await el.screenshot());
      shots.push({ full, charts });
      rmSync(file);
    }
    const [x, y] = shots;
    const notes = [];
    const full = await compare(x.full, y.full);
    if (full) notes.push(`page: ${full}`);
    if (x.charts.length !== y.charts.length) notes.push(`${x.charts.length} vs ${y.charts.length} charts`);
    for (let i = 0; i < Math.min(x.charts.length, y.charts.length); i++) {
      const c = await compare(x.charts[i], y.charts[i]);
      if (c) notes.push(`svg ${i}: ${c}`);
    }
    notes.length ? differ++ : same++;
    console.log(`${width}px ${p} (${x.charts.length} svgs): ${notes.length ? `DIFFER: ${notes.join('; ')}` : 'same'}`);
  }
  await ctx.close();
}
console.log(`${same} same, ${differ} differ`);
await browser.close();
