import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
await c.run("CREATE TABLE t AS SELECT ('player-' || (i%100000)::VARCHAR) x FROM range(10000000) t(i)");
await c.run('SET VARIABLE ql_scan = false');
await c.run(
  `CREATE TEMP MACRO bad(x) AS strlen(x) > 1024 OR (getvariable('ql_scan') AND regexp_matches(x, '[\\x00-\\x1f\\x7f\\x{80}-\\x{9f}]'))`,
);
await c.run(
  `CREATE TEMP MACRO bad2(x) AS strlen(x) > 1024 OR (CASE WHEN getvariable('ql_scan') THEN regexp_matches(x, '[\\x00-\\x1f\\x7f\\x{80}-\\x{9f}]') ELSE false END)`,
);
for (const [n, e] of [
  ['plain', 'x'],
  ['bad', 'bad(x)'],
  ['bad2', 'bad2(x)'],
]) {
  const t = performance.now();
  for (let k = 0; k < 2; k++) await c.run(`SELECT count(*) FILTER (WHERE ${e} IS NOT NULL) FROM t`);
  console.log(n, ((performance.now() - t) / 2).toFixed(0));
}
await c.run('SET VARIABLE ql_scan = true');
const r = await c.runAndReadAll(`SELECT bad(E'a\\x1bb') a, bad('ok') b, bad(chr(155)) c, bad(chr(0)) d, bad('é') e`);
console.log(r.getRowObjectsJson());
const t = performance.now();
await c.run(`SELECT count(*) FILTER (WHERE bad(x)) FROM t`);
console.log('on', performance.now() - t);
