// quest-cpu-part.mjs's per-quest render (every quest of publish-5k.mjs's database through writeQuestPage as a render
// worker calls it, files hashed, no file system) for two builds in ONE process, rounds alternating A, B, A, B...: both
// see the same machine load at nearly the same time, which separate runs on a shared 2-core machine do not (issue 16
// notes, round 10 cpu16h), and within a round they alternate every few dozen quests. `svg`: only the quest charts' static drawings (questChartSvg of each quest's status,
// histogram and history charts, built once with A's charts.ts). Prints CPU per round and each build's hash.
//   node bench/results/issue16/quest-cpu-ab.mjs DIST_A DIST_B [ROUNDS] [pages|svg|gzip]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [aArg, bArg, roundsArg = '4', mode = 'pages'] = process.argv.slice(2);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

async function build(distArg) {
  const dist = resolve(distArg);
  const m = {
    quest: await import(`${dist}/publish/quest-pages.js`),
    pool: await import(`${dist}/publish/render-pool.js`),
    seg: await import(`${dist}/publish/segment-figures.js`),
    svg: await import(`${dist}/publish/svg-charts.js`),
    charts: await import(`${dist}/publish/charts.js`),
    rates: await import(`${dist}/publish/rates.js`),
    gz: await import(`${dist}/publish/compress.js`),
  };
  return { dist, m };
}
const A = await build(aArg);
const B = await build(bArg);
const { Db } = await import(`${A.dist}/engine/db.js`);
const { loadSiteData } = await import(`${A.dist}/publish/publish.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
db.close();
data.generatedAt = '2026-12-24T00:00:00Z';

function prepare({ m }) {
  const pages = m.quest.questPages(data, data.months, '2026-12');
  const { data: shared, survival } = m.pool.sharedOf(data);
  const survivalOf = new Map((data.survival ?? []).map((s) => [s.quest_id, s]));
  const dataOf = (page) => ({
    ...shared,
    snapshot: { ...shared.snapshot, quests: [page.q] },
    history: [],
    histogram: [],
    ...(survival ? { survival: survivalOf.has(page.q.quest_id) ? [survivalOf.get(page.q.quest_id)] : [] } : {}),
    ...(shared.segments ? { segments: { ...shared.segments, rows: m.seg.questRows(data.segments, page.q.quest_id) } } : {}),
  });
  return { pages, dataOf };
}

// The quest charts drawn statically, built once (A's charts.ts) and drawn by each build.
const { pages: chartPages } = prepare(A);
const charts = mode === 'svg' ? chartPages.flatMap(({ q, history, bins }) => {
  const out = q.suppressed ? [] : [A.m.charts.questStatusChart(q)];
  if (bins.some((b) => b.players > 0)) out.push(A.m.charts.histogramChart(bins));
  const shown = history.filter((r) => !r.suppressed);
  if (shown.length > 0) out.push(A.m.rates.withRateColumns(A.m.charts.questHistoryChart(shown), shown));
  return out;
}) : [];

// Builds alternate every CHUNK quests (A first in one chunk, B first in the next), each chunk's CPU added to its build:
// load that drifts within a round falls on both alike.
const CHUNK = 50;
const items = mode === 'svg' ? charts : chartPages;
const prep = (b) => b.prep ?? (b.prep = prepare(b));

async function chunk(b, state, from) {
  const c0 = process.cpuUsage();
  if (mode === 'svg') {
    for (let i = from; i < Math.min(from + CHUNK * 3, items.length); i++) {
      state.hash.update(b.m.svg.questChartSvg(items[i]));
      state.files++;
    }
  } else {
    const { pages, dataOf } = prep(b);
    const write = async (rel, content) => {
      const buf = Buffer.from(content);
      state.hash.update(rel).update(buf);
      state.files++;
      if (mode === 'gzip' && b.m.gz.compressible(rel, buf.length)) await state.gzip.add(rel, buf);
    };
    for (let i = from; i < Math.min(from + CHUNK, pages.length); i++) await b.m.quest.writeQuestPage(dataOf(pages[i]), pages[i], write);
  }
  const c = process.cpuUsage(c0);
  state.us += c.user + c.system;
}

const sums = { A: [], B: [] };
const step = mode === 'svg' ? CHUNK * 3 : CHUNK;
for (let r = 0; r < Number(roundsArg); r++) {
  const st = Object.fromEntries(['A', 'B'].map((k) => [k, { hash: createHash('sha256'), files: 0, us: 0, gzip: new (k === 'A' ? A : B).m.gz.Compressor(() => {}, true) }]));
  for (let from = 0, k = 0; from < items.length; from += step, k++) {
    for (const [name, b] of (k + r) % 2 === 0 ? [['A', A], ['B', B]] : [['B', B], ['A', A]]) await chunk(b, st[name], from);
  }
  for (const name of ['A', 'B']) {
    const ms = Math.round(st[name].us / 1000);
    if (r > 0) sums[name].push(ms);
    console.log(`round ${r} ${name}: ${st[name].files} items, ${ms} ms cpu, load ${load()}, ${st[name].hash.digest('hex').slice(0, 16)}`);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`median after round 0: A ${med(sums.A)} ms, B ${med(sums.B)} ms; B-A per round: ${sums.B.map((v, i) => v - sums.A[i]).join(', ')}`);
