// node eq.mjs DBA DBB: the snapshot tables and the kept segment tables of two databases, EXCEPT ALL both ways
// (segment_quantiles on its columns before migration 017: quest_id, dimension, value, tz, q); then, in each database
// that keeps times, every kept row's times against its group's completion times in state_current (as multisets) and
// its quantiles against quantile_cont over them (stale rows, q NULL, counted apart).
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
await c.run(`ATTACH '${a}' AS a (READ_ONLY); ATTACH '${b}' AS b (READ_ONLY)`);
const num = (k, v) => (typeof v === 'bigint' ? Number(v) : v);
const tables = ['segment_snapshots', 'snapshots', 'survival', 'survival_curve', 'chain_steps', 'snapshot_runs', 'segment_quantiles', 'segment_completed', 'segment_open'];
for (const t of tables) {
  const cols = t === 'snapshot_runs' ? 'snapshot_date, players, events, data_through, day_end, timezone' : t === 'segment_quantiles' ? 'quest_id, dimension, value, tz, q' : '*';
  const r = await c.runAndReadAll(`SELECT (SELECT count(*) FROM a.${t}) AS rows_a, (SELECT count(*) FROM b.${t}) AS rows_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM a.${t} EXCEPT ALL SELECT ${cols} FROM b.${t})) AS a_not_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM b.${t} EXCEPT ALL SELECT ${cols} FROM a.${t})) AS b_not_a`);
  console.log(t, JSON.stringify(r.getRowObjects()[0], num));
  if (t === 'segment_quantiles') {
    // Which rows differ, per dimension and zone (a zone the snapshot did not use keeps rows one build deleted).
    const d = await c.runAndReadAll(`SELECT 'a_not_b' AS side, dimension, tz, count(*) AS n FROM (SELECT ${cols} FROM a.${t} EXCEPT ALL SELECT ${cols} FROM b.${t}) GROUP BY ALL
      UNION ALL SELECT 'b_not_a', dimension, tz, count(*) FROM (SELECT ${cols} FROM b.${t} EXCEPT ALL SELECT ${cols} FROM a.${t}) GROUP BY ALL ORDER BY ALL`);
    for (const row of d.getRowObjects()) console.log('  segment_quantiles differ', JSON.stringify(row, num));
  }
}
for (const s of ['a', 'b']) {
  const has = await c.runAndReadAll(`SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = '${s}' AND table_name = 'segment_quantiles' AND column_name = 'times'`);
  if (Number(has.getRowObjects()[0].n) === 0) continue;
  const r = await c.runAndReadAll(`
WITH t AS (SELECT * FROM ${s}.state_current WHERE bucket = 'completed' AND completion_seconds IS NOT NULL),
zones AS (SELECT DISTINCT tz FROM ${s}.segment_quantiles WHERE dimension = 'cohort'),
fresh AS (
  SELECT quest_id, 'build' AS dimension, coalesce(pair_build, '(none)') AS value, '' AS tz, list_sort(list(completion_seconds)) AS times,
    quantile_cont(completion_seconds, [0.5, 0.9]) AS q FROM t GROUP BY ALL
  UNION ALL SELECT quest_id, 'platform', coalesce(pair_platform, '(none)'), '', list_sort(list(completion_seconds)), quantile_cont(completion_seconds, [0.5, 0.9]) FROM t GROUP BY ALL
  UNION ALL SELECT quest_id, 'cohort', coalesce(strftime(timezone(z.tz, seen::TIMESTAMPTZ), '%G-W%V'), '(none)'), z.tz,
    list_sort(list(completion_seconds)), quantile_cont(completion_seconds, [0.5, 0.9]) FROM t CROSS JOIN zones z GROUP BY ALL
),
kept AS (SELECT quest_id, dimension, value, tz, list_sort(times) AS times, q FROM ${s}.segment_quantiles WHERE times IS NOT NULL)
SELECT (SELECT count(*) FROM kept) AS with_times,
  (SELECT count(*) FROM ${s}.segment_quantiles WHERE times IS NULL AND dimension <> 'overall') AS segment_rows_without_times,
  (SELECT count(*) FROM kept WHERE q IS NULL) AS stale,
  (SELECT count(*) FROM (SELECT quest_id, dimension, value, tz, times FROM kept EXCEPT ALL SELECT quest_id, dimension, value, tz, times FROM fresh)) AS times_wrong,
  (SELECT count(*) FROM (SELECT quest_id, dimension, value, tz, q FROM kept WHERE q IS NOT NULL EXCEPT ALL SELECT quest_id, dimension, value, tz, q FROM fresh)) AS q_wrong`);
  console.log(`kept times ${s}`, JSON.stringify(r.getRowObjects()[0], num));
}
