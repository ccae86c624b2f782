import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
try {
  await c.run('SET VARIABLE ql_e = $e::TIMESTAMP', { e: '2000-01-01' });
  console.log((await c.runAndReadAll("SELECT getvariable('ql_e') v")).getRowObjectsJson());
} catch (e) {
  console.log('ERR', e.message);
}
console.log(
  (
    await c.runAndReadAll(
      `SELECT list_filter(['a','b','a'], (k, i) -> list_position(['a','b','a'], k) < i) d, json_type('{"a":[1]}', ['$.a','$.b']) t`,
    )
  ).getRowObjectsJson(),
);
