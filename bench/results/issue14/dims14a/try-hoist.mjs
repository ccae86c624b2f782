// Round 9 (dims14a): DuckDB hoists an expression named twice inside TRY (here by nullif, as the ql_id macro does) out
// of the TRY, so a row where it fails raises instead of giving NULL; named once (the trim outside TRY) it is caught.
// node try-hoist.mjs
import { DuckDBInstance } from '@duckdb/node-api';

const db = await (await DuckDBInstance.create(':memory:')).connect();
await db.run(`CREATE TEMP MACRO ql_id(v) AS nullif(trim(v), '')`);
await db.run(`CREATE TEMP TABLE s AS SELECT * FROM (VALUES ('12'), ('x'), (NULL), ('  ')) v(lvl)`);
const e = 'CAST(lvl AS INTEGER) // 10';
for (const x of [
  `TRY(coalesce(ql_id(CAST((${e}) AS VARCHAR)), ''))`,
  `TRY(coalesce(nullif(trim(CAST((${e}) AS VARCHAR)), ''), ''))`,
  `TRY(coalesce(CAST((${e}) AS VARCHAR), ''))`,
  `trim(TRY(coalesce(CAST((${e}) AS VARCHAR), '')))`,
  // A mapping expression that itself names a failing expression twice, as a field is wrapped (pre-existing).
  `TRY(CAST((CASE WHEN CAST(lvl AS INTEGER) > 0 THEN CAST(lvl AS INTEGER) END) AS VARCHAR))`,
]) {
  try {
    console.log(x, JSON.stringify((await db.runAndReadAll(`SELECT ${x} AS x FROM s`)).getRows()));
  } catch (err) {
    console.log(x, 'ERR', String(err).split('\n')[0]);
  }
}
