// node pubcmp.mjs PKG DB_A DB_B: every stored date's survival curve as publish writes it (src/publish/survival.ts:
// round(x * 100, 2) for surviving, low and high; minutes from seconds) and the survival rows, compared between two
// databases; prints how many published values differ.
import { DuckDBInstance } from '@duckdb/node-api';
const [pkg, a, b] = process.argv.slice(2);
const { round } = await import(`${pkg}/dist/publish/json.js`);
const c = await (await DuckDBInstance.create(':memory:')).connect();
const read = async (db) => {
  await c.run(`ATTACH '${db}' AS x (READ_ONLY)`);
  const r = await c.runAndReadAll('SELECT snapshot_date::VARCHAR AS d, quest_id, seconds, surviving, surviving_low, surviving_high FROM x.survival_curve ORDER BY ALL');
  const s = await c.runAndReadAll('SELECT * EXCLUDE (snapshot_date), snapshot_date::VARCHAR AS d FROM x.survival ORDER BY ALL');
  await c.run('DETACH x');
  const pts = r.getRowObjects().map((p) => [p.d, p.quest_id, p.seconds, round(p.surviving * 100, 2), round(p.surviving_low * 100, 2), round(p.surviving_high * 100, 2)].join(','));
  return { pts, surv: JSON.stringify(s.getRowObjectsJson()) };
};
const [x, y] = [await read(a), await read(b)];
let differ = 0;
for (let i = 0; i < Math.max(x.pts.length, y.pts.length); i++) if (x.pts[i] !== y.pts[i]) differ++;
console.log(`curve points ${x.pts.length} / ${y.pts.length}, published values differing: ${differ}; survival rows equal: ${x.surv === y.surv}`);
c.closeSync();
