// One part of a publish in isolation, on the database nightly-ab.mjs made:
//   node bench/results/issue16/load-part.mjs DIST QUESTS DAYS
const [dist, qs, ds] = process.argv.slice(2);
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const days = Number(ds);
const db = await Db.open(`${process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab'}/q${qs}-d${ds}.duckdb`, { readOnly: true });
const date = new Date(Date.UTC(2026, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
const c = process.cpuUsage(); const t0 = performance.now();
const data = await loadSiteData(db, { asOf: date }, { log() {} });
const m = await data.months.load(date.slice(0, 7));
const cu = process.cpuUsage(c);
console.log(`loadSiteData + current month (${data.history.length} + ${m.length} rows): ${Math.round(performance.now() - t0)} ms wall, ${Math.round((cu.user + cu.system) / 1000)} ms cpu`);
db.close();
