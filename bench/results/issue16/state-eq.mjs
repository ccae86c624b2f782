// node state-eq.mjs DBA DBB: the state tables and the six snapshot tables of two databases, EXCEPT ALL both ways
// (rows only in A / only in B); snapshot_runs without computed_at. Prints one line per table and "differ N" at the end.
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
await c.run(`ATTACH '${a}' AS a (READ_ONLY); ATTACH '${b}' AS b (READ_ONLY)`);
const tables = ['state_current', 'state_intervals', 'pair_first', 'player_values', 'player_first', 'quest_first',
  'event_quarters', 'segment_completed', 'segment_open', 'segment_quantiles', 'state_meta', 'segment_snapshots',
  'snapshots', 'survival', 'survival_curve', 'chain_steps', 'snapshot_runs'];
let differ = 0;
for (const t of tables) {
  // state_intervals: `refresh` numbers the refresh that wrote a row, the same in both.
  const cols = t === 'snapshot_runs' ? 'snapshot_date, players, events, data_through, day_end, timezone' : '*';
  const r = await c.runAndReadAll(`SELECT (SELECT count(*) FROM a.${t}) AS rows_a, (SELECT count(*) FROM b.${t}) AS rows_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM a.${t} EXCEPT ALL SELECT ${cols} FROM b.${t})) AS a_not_b,
    (SELECT count(*) FROM (SELECT ${cols} FROM b.${t} EXCEPT ALL SELECT ${cols} FROM a.${t})) AS b_not_a`);
  const row = r.getRowObjects()[0];
  differ += Number(row.a_not_b) + Number(row.b_not_a);
  console.log(t, JSON.stringify(row, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
}
console.log('differ', differ);
