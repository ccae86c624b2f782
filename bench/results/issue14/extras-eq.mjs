// Round 9 (segx14b): built-in segment rows of two databases equal (EXCEPT ALL both ways), per-quest snapshots equal, and
// every dimension's values (built-in and extra) of the second add up to the overall rows. node extras-eq.mjs A.duckdb B.duckdb
const { Db } = await import(new URL('../../../dist/engine/db.js', import.meta.url).href);
const db = await Db.open(':memory:');
await db.run(`ATTACH '${process.argv[2]}' AS a (READ_ONLY)`);
await db.run(`ATTACH '${process.argv[3]}' AS b (READ_ONLY)`);
const q = (x, y) => `SELECT count(*)::INT AS n FROM (SELECT * FROM ${x}.segment_snapshots WHERE dimension IN ('build','platform','cohort') EXCEPT ALL SELECT * FROM ${y}.segment_snapshots WHERE dimension IN ('build','platform','cohort'))`;
console.log(JSON.stringify({
  a_only: (await db.one(q('a', 'b'))).n, b_only: (await db.one(q('b', 'a'))).n,
  builtin_rows: (await db.one(`SELECT count(*)::INT AS n FROM a.segment_snapshots WHERE dimension IN ('build','platform','cohort')`)).n,
  snapshots_differ: (await db.one('SELECT count(*)::INT AS n FROM (SELECT * FROM a.snapshots EXCEPT ALL SELECT * FROM b.snapshots)')).n,
  extra_sums_off: (await db.one(`SELECT count(*)::INT AS n FROM (
    SELECT snapshot_date, dimension, quest_id, sum(players) p, sum(completed) c, sum(not_encountered) ne
    FROM b.segment_snapshots GROUP BY ALL) s JOIN b.snapshots o USING (snapshot_date, quest_id)
    WHERE s.p <> o.players OR s.c <> o.completed OR s.ne <> o.not_encountered`)).n,
}));
db.close();
