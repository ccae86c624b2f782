// One part of a publish in isolation, on the database nightly-ab.mjs made:
//   node bench/results/issue16/load-part.mjs DIST QUESTS DAYS
// or loadSiteData alone (as the nightly calls it: no month read) on any database, opened read-only, ROUNDS times:
//   QL_READS_DB=FILE QL_READS_DATE=YYYY-MM-DD node bench/results/issue16/load-part.mjs DIST - - [ROUNDS]
const [dist, qs, ds, rs] = process.argv.slice(2);
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const days = Number(ds);
const file = process.env.QL_READS_DB ?? `${process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab'}/q${qs}-d${ds}.duckdb`;
const db = await Db.open(file, { readOnly: true });
const date = process.env.QL_READS_DATE ?? new Date(Date.UTC(2026, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
for (let i = 0; i < Number(rs ?? 1); i++) {
  const c = process.cpuUsage(); const t0 = performance.now();
  const steps = [];
  const data = await loadSiteData(db, { asOf: date }, { log() {}, progress: (_l, done) => steps.push(`${done}@${Math.round(performance.now() - t0)}`) });
  const m = process.env.QL_READS_DB ? [] : await data.months.load(date.slice(0, 7));
  const cu = process.cpuUsage(c);
  console.log(`loadSiteData${process.env.QL_READS_DB ? '' : ' + current month'} (${data.history.length} + ${m.length} rows): ${Math.round(performance.now() - t0)} ms wall, ${Math.round((cu.user + cu.system) / 1000)} ms cpu; reads done at ${steps.join(' ')}`);
}
db.close();
