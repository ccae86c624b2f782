// node cmp.mjs A B: the survival and survival_curve rows written by surv.mjs under prefixes A and B, EXCEPT ALL both
// ways, and the largest difference of each curve column on matching (quest, t).
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(2);
const c = await (await DuckDBInstance.create(':memory:')).connect();
for (const k of ['survival', 'curve']) {
  const r = await c.runAndReadAll(`SELECT
    (SELECT count(*) FROM (FROM '${a}.${k}.parquet' EXCEPT ALL FROM '${b}.${k}.parquet'))::INTEGER ab,
    (SELECT count(*) FROM (FROM '${b}.${k}.parquet' EXCEPT ALL FROM '${a}.${k}.parquet'))::INTEGER ba,
    (SELECT count(*) FROM '${a}.${k}.parquet')::INTEGER n`);
  console.log(k, JSON.stringify(r.getRowObjectsJson()[0]));
}
c.closeSync();
