// node eq.mjs DBA DBB : compare segment_snapshots and snapshots across two dbs
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
await c.run(`ATTACH '${a}' AS a (READ_ONLY); ATTACH '${b}' AS b (READ_ONLY)`);
for (const t of ['segment_snapshots', 'snapshots']) {
  const r = await c.runAndReadAll(`SELECT (SELECT count(*) FROM a.${t}) AS na, (SELECT count(*) FROM b.${t}) AS nb,
    (SELECT count(*) FROM (FROM a.${t} EXCEPT ALL FROM b.${t})) AS a_b, (SELECT count(*) FROM (FROM b.${t} EXCEPT ALL FROM a.${t})) AS b_a`);
  console.log(t, JSON.stringify(r.getRowObjects(), (k, v) => typeof v === 'bigint' ? Number(v) : v));
}
