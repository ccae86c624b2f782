// The JSON a render worker serialises per quest, timed alone on publish-5k.mjs's 5,000 quests (issue 16 notes, round 8
// pages16c): each quest's current-month history entries (entriesJson: history.json and the month file), its quest JSON
// (stableJson of questDocument) and its page's spec file (compactJson of the four charts' specs), ROUNDS times, this
// thread's CPU per part and round, and a hash of all the bytes (equal between builds = the same output).
//   node bench/results/issue16/json-part.mjs DIST [ROUNDS]
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

const [distArg, roundsArg = '5'] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const { questPages } = await import(`${dist}/publish/quest-pages.js`);
const { questDocument } = await import(`${dist}/publish/api.js`);
const { entriesJson } = await import(`${dist}/publish/history-files.js`);
const { compactJson, stableJson } = await import(`${dist}/publish/json.js`);
const { questStatusChart, histogramChart, questHistoryChart } = await import(`${dist}/publish/charts.js`);
const { survivalChart } = await import(`${dist}/publish/survival.js`);
const { withRateColumns } = await import(`${dist}/publish/rates.js`);
const { historyChartByUrls } = await import(`${dist}/publish/history-chart.js`);
const { sharedOf } = await import(`${dist}/publish/render-pool.js`);
const { questRows } = await import(`${dist}/publish/segment-figures.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
db.close();
data.generatedAt = '2026-12-24T00:00:00Z'; // the same bytes in every run
const pages = questPages(data, data.months, null);
const { data: shared, survival } = sharedOf(data);
const survivalOf = new Map((data.survival ?? []).map((s) => [s.quest_id, s]));
const dataOf = (page) => ({
  ...shared,
  snapshot: { ...shared.snapshot, quests: [page.q] },
  history: [],
  histogram: [],
  ...(survival ? { survival: survivalOf.has(page.q.quest_id) ? [survivalOf.get(page.q.quest_id)] : [] } : {}),
  ...(shared.segments ? { segments: { ...shared.segments, rows: questRows(data.segments, page.q.quest_id) } } : {}),
});
const month = '2026-12';
const parts = {
  entries: (page) => entriesJson(page.history.filter((r) => r.snapshot_date.startsWith(month))),
  quest: (page) => stableJson(questDocument(dataOf(page), page.q, page.fileId)),
  specs: (page) => {
    const shown = page.history.filter((r) => !r.suppressed);
    const charts = page.q.suppressed ? [] : [questStatusChart(page.q)];
    if (page.bins.some((b) => b.players > 0)) charts.push(histogramChart(page.bins));
    if (page.curve.length > 0) charts.push(survivalChart(page.curve));
    if (shown.length > 0)
      charts.push(historyChartByUrls(withRateColumns(questHistoryChart(shown), shown), ['../a.json', '../b.json']));
    return compactJson(Object.fromEntries(charts.map((c) => [c.key, c.published ?? c.spec])));
  },
};
for (let r = 0; r < Number(roundsArg); r++) {
  const out = [];
  for (const [name, fn] of Object.entries(parts)) {
    const hash = createHash('sha256');
    const c0 = process.cpuUsage();
    for (const page of pages) hash.update(fn(page));
    const c = process.cpuUsage(c0);
    out.push(`${name} ${Math.round((c.user + c.system) / 1000)} ms ${hash.digest('hex').slice(0, 12)}`);
  }
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`round ${r}: ${out.join(' · ')} · load ${load}`);
}
