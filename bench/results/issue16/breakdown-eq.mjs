// The quest page's segment breakdowns: the partial they replaced (segment-breakdown.hbs of an older build, given) against
// DIST's breakdownsHtml on 3,000 random breakdowns (suppressed rows, missing rates, values needing escapes); prints how many
// differ (issue 16 notes, round 10 cpu16h).
//   node bench/results/issue16/breakdown-eq.mjs DIST OLD/templates/partials/segment-breakdown.hbs
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
const dist = resolve(process.argv[2]);
const { breakdownsHtml } = await import(`${dist}/publish/segment-html.js`);
const { breakdownRows } = await import(`${dist}/publish/segment-pages.js`);
const f = await import(`${dist}/domain/format.js`);
const hb = Handlebars.create();
hb.registerPartial('segment-breakdown', readFileSync(process.argv[3], 'utf8'));
hb.registerHelper('int', (n) => f.formatInt(n)); hb.registerHelper('pct', (n) => f.formatPercent(n));
hb.registerHelper('ci', (a, b) => f.formatRateInterval(a, b)); hb.registerHelper('dur', (n) => f.formatDuration(n));
const t = hb.compile('  {{#each segments}}{{> segment-breakdown minPlayers=../minPlayers}}{{/each}}\n', { strict: true });
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const vals = ['a', "b'<&>\"=`", 'c d', '1.2.3', 'x=y', 'zz'];
let bad = 0;
for (let k = 0; k < 3000; k++) {
  const dims = ['build', 'plat"form', 'co<hort'].slice(0, 1 + Math.floor(rnd() * 3));
  const segments = dims.map((dimension) => {
    const n = Math.floor(rnd() * 6);
    const rows = Array.from({ length: n }, (_, i) => {
      const sup = rnd() < 0.15;
      const c = rnd(), w = rnd() * 0.3;
      const nul = rnd() < 0.1;
      return { dimension, value: vals[i], suppressed: sup ? true : (rnd() < 0.5 ? false : undefined), times_suppressed: rnd() < 0.2 ? true : undefined,
        players: sup ? null : Math.floor(rnd() * 1e5), encountered: sup ? null : Math.floor(rnd() * 1e4), completed: rnd() < 0.1 ? null : Math.floor(rnd() * 1e3),
        conversion_rate: nul || sup ? null : c, conversion_rate_low: nul || sup ? null : Math.max(0, c - w), conversion_rate_high: nul || sup ? null : Math.min(1, c + w),
        completion_rate: rnd() < 0.1 ? null : rnd(), median_seconds: rnd() < 0.1 ? null : rnd() * 3e5 };
    });
    const list = breakdownRows(rows);
    return { dimension, rows: list, height: Math.max(1, list.length) * 12, hasBars: list.some((r) => r.bar) };
  });
  const minPlayers = Math.floor(rnd() * 20);
  const a = t({ segments, minPlayers });
  const b = `  ${breakdownsHtml(segments, minPlayers)}\n`;
  if (a !== b) { if (bad++ < 1) { console.log(JSON.stringify(a)); console.log(JSON.stringify(b)); } }
}
console.log('differ', bad, 'of 3000');
