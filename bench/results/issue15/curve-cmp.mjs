// The survival rows two nightlies stored for one date (A: main's build, B: this branch's), compared: survival and
// chain_steps EXCEPT ALL both ways, the curve's rows and points per quest, whether the median and p90 are points of B's
// curve, and where each curve ends.
//   node bench/results/issue15/curve-cmp.mjs DB_A DB_B DATE
import { DuckDBInstance } from '@duckdb/node-api';
const [dbA, dbB, date] = process.argv.slice(2);
const c = await (await DuckDBInstance.create(':memory:')).connect();
await c.run(`ATTACH '${dbA}' AS a (READ_ONLY); ATTACH '${dbB}' AS b (READ_ONLY)`);
const q = async (s) => (await c.runAndReadAll(s)).getRowObjects();
const D = `DATE '${date}'`;
for (const t of ['survival', 'chain_steps']) {
  const x = await q(`SELECT (SELECT count(*) FROM (FROM a.${t} WHERE snapshot_date = ${D} EXCEPT ALL FROM b.${t} WHERE snapshot_date = ${D}))::INT AS ab,
    (SELECT count(*) FROM (FROM b.${t} WHERE snapshot_date = ${D} EXCEPT ALL FROM a.${t} WHERE snapshot_date = ${D}))::INT AS ba,
    (SELECT count(*) FROM b.${t} WHERE snapshot_date = ${D})::INT AS n`);
  console.log(t, JSON.stringify(x));
}
console.log('curve rows', JSON.stringify(await q(`SELECT (SELECT count(*) FROM a.survival_curve WHERE snapshot_date=${D})::INT AS old, (SELECT count(*) FROM b.survival_curve WHERE snapshot_date=${D})::INT AS new,
  (SELECT max(k)::INT FROM (SELECT count(*) AS k FROM b.survival_curve WHERE snapshot_date=${D} GROUP BY quest_id)) AS max_new,
  (SELECT max(k)::INT FROM (SELECT count(*) AS k FROM a.survival_curve WHERE snapshot_date=${D} GROUP BY quest_id)) AS max_old`)));
// The median and p90 are points of the new curve: the first S <= 0.5 (0.1) there is survival.sql's figure.
console.log('median/p90 mismatches', JSON.stringify(await q(`WITH m AS (SELECT quest_id, min(seconds) FILTER (WHERE surviving <= 0.5 + 1e-9) AS med, min(seconds) FILTER (WHERE surviving <= 0.1 + 1e-9) AS p90, max(seconds) AS last, min(surviving) AS lo FROM b.survival_curve WHERE snapshot_date=${D} GROUP BY quest_id)
  SELECT count(*)::INT AS quests, count(*) FILTER (WHERE med IS DISTINCT FROM s.survival_median_seconds)::INT AS med_diff, count(*) FILTER (WHERE p90 IS DISTINCT FROM s.survival_p90_seconds)::INT AS p90_diff FROM m JOIN b.survival s ON s.quest_id = m.quest_id AND s.snapshot_date = ${D}`)));
// Every new point is a point of the old (2-point) thinning or a quest's end; the old's lowest level equals the new's.
console.log('ends', JSON.stringify(await q(`WITH o AS (SELECT quest_id, max(seconds) AS last, min(surviving) AS lo FROM a.survival_curve WHERE snapshot_date=${D} GROUP BY quest_id),
  n AS (SELECT quest_id, max(seconds) AS last, min(surviving) AS lo FROM b.survival_curve WHERE snapshot_date=${D} GROUP BY quest_id)
  SELECT count(*)::INT AS quests, count(*) FILTER (WHERE n.last > o.last)::INT AS later_end, count(*) FILTER (WHERE n.lo < o.lo)::INT AS lower_end, count(*) FILTER (WHERE n.last < o.last OR n.lo > o.lo)::INT AS bad FROM o JOIN n USING (quest_id)`)));
console.log('points not in old', JSON.stringify(await q(`SELECT count(*)::INT AS k FROM (SELECT quest_id, seconds, surviving FROM b.survival_curve WHERE snapshot_date=${D} EXCEPT SELECT quest_id, seconds, surviving FROM a.survival_curve WHERE snapshot_date=${D})`)));
