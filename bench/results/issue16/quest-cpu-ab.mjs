// quest-cpu-part.mjs's per-quest render (every quest of publish-5k.mjs's database through writeQuestPage as a render
// worker calls it, files hashed, no file system) for two builds in ONE process, rounds alternating A, B, A, B...: both
// see the same machine load at nearly the same time, which separate runs on a shared 2-core machine do not (issue 16
// notes, round 10 cpu16h). `svg`: only the quest charts' static drawings (questChartSvg of each quest's status,
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

async function round(b) {
  const hash = createHash('sha256');
  let files = 0;
  const c0 = process.cpuUsage();
  if (mode === 'svg') {
    for (const c of charts) {
      hash.update(b.m.svg.questChartSvg(c));
      files++;
    }
  } else {
    const { pages, dataOf } = b.prep ?? (b.prep = prepare(b));
    const gzip = new b.m.gz.Compressor(() => {}, true);
    const write = async (rel, content) => {
      const buf = Buffer.from(content);
      hash.update(rel).update(buf);
      files++;
      if (mode === 'gzip' && b.m.gz.compressible(rel, buf.length)) await gzip.add(rel, buf);
    };
    for (const page of pages) await b.m.quest.writeQuestPage(dataOf(page), page, write);
  }
  const c = process.cpuUsage(c0);
  return { ms: Math.round((c.user + c.system) / 1000), files, hash: hash.digest('hex').slice(0, 16) };
}

const sums = { A: [], B: [] };
for (let r = 0; r < Number(roundsArg); r++) {
  for (const [name, b] of r % 2 === 0 ? [['A', A], ['B', B]] : [['B', B], ['A', A]]) {
    const res = await round(b);
    if (r > 0) sums[name].push(res.ms);
    console.log(`round ${r} ${name}: ${res.files} items, ${res.ms} ms cpu, load ${load()}, ${res.hash}`);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`median after round 0: A ${med(sums.A)} ms, B ${med(sums.B)} ms; B-A per round: ${sums.B.map((v, i) => v - sums.A[i]).join(', ')}`);
