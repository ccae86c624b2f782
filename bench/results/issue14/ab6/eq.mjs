// node eq.mjs DBA DBB: the snapshot tables and the kept segment tables of two databases, EXCEPT ALL both ways.
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
await c.run(`ATTACH '${a}' AS a (READ_ONLY); ATTACH '${b}' AS b (READ_ONLY)`);
const tables = ['segment_snapshots', 'snapshots', 'survival', 'survival_curve', 'chain_steps', 'snapshot_runs', 'segment_quantiles', 'segment_completed', 'segment_open'];
for (const t of tables) {
  const cols = t === 'snapshot_runs' ? 'snapshot_date, players, events, data_through, day_end, timezone' : '*';
  const r = await c.runAndReadAll(`SELECT (SELECT count(*) FROM a.${t}) AS rows_a, (SELECT count(*) FROM b.${t}) AS rows_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM a.${t} EXCEPT ALL SELECT ${cols} FROM b.${t})) AS a_not_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM b.${t} EXCEPT ALL SELECT ${cols} FROM a.${t})) AS b_not_a`);
  console.log(t, JSON.stringify(r.getRowObjects()[0], (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
}
