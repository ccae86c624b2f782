// loadSiteData of two builds against publish-5k.mjs's database, each result as JSON hashed (clock fixed), and one
// month file's rows (round 12, pub16m: the rows conversion must give the same values).
//   QL_PUB_WORK=... node bench/results/issue16/load-eq.mjs DIST_A DIST_B
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
for (const d of process.argv.slice(2)) {
  const dist = resolve(d);
  const { Db } = await import(`${dist}/engine/db.js`);
  const { loadSiteData } = await import(`${dist}/publish/publish.js`);
  const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
  const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {}, now: () => new Date('2026-12-24T03:00:00Z') });
  const month = await data.months.load('2026-11');
  const hash = (v) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);
  const parts = Object.entries(data).map(([k, v]) => `${k} ${hash(v)}`);
  console.log(`${d}: all ${hash(data)} month 2026-11 (${month.length}) ${hash(month)}\n  ${parts.join(', ')}`);
  db.close();
}
