// One part of a publish in isolation, on the database nightly-ab.mjs made:
//   node bench/results/issue16/render-part.mjs DIST QUESTS DAYS [out.cpuprofile]
const [dist, qs, ds, out] = process.argv.slice(2);
const quests = Number(qs), days = Number(ds);
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const qp = await import(`${dist}/publish/quest-pages.js`);
const { Session } = await import('node:inspector/promises');
const db = await Db.open(`${process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab'}/q${quests}-d${days}.duckdb`, { readOnly: true });
const date = new Date(Date.UTC(2026, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
const data = await loadSiteData(db, { asOf: date }, { log() {} });
const pages = qp.questPages(data, data.months);
const s = out ? new Session() : undefined; if (s) { s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start"); }
const c = process.cpuUsage();
let bytes = 0;
for (const p of pages) await qp.writeQuestPage(data, p, (rel, content) => { bytes += Buffer.byteLength(content); });
const cu = process.cpuUsage(c);
if (s) { const { profile } = await s.post("Profiler.stop");
(await import("node:fs")).writeFileSync(out, JSON.stringify(profile)); }
console.log('render cpu', Math.round((cu.user + cu.system) / 1000), 'ms,', (bytes / 1e6).toFixed(1), 'MB');
db.close();
