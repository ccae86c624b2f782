import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const q = async (s) => {
  try {
    const r = await c.runAndReadAll(s);
    console.log(s.slice(0, 80), '=>', JSON.stringify(r.getRowObjectsJson()));
  } catch (e) {
    console.log(s.slice(0, 80), 'ERR', e.message.split('\n')[0]);
  }
};
await q('SELECT version()');
await q('SET VARIABLE ql_max = 5');
await q("CREATE TEMP MACRO m(x) AS length(x) > getvariable('ql_max')");
await q("SELECT m('abcdefg') AS a, nfc_normalize('e\u0301') = '\u00e9' AS nfc");
await q(`SELECT json_keys('{"a":1,"a":2}') AS k, json_extract_string('{"a":1,"a":2}', '$.a') AS v`);

import { writeFileSync } from 'node:fs';

writeFileSync('/tmp/i12dup.ndjson', '{"ts":"2026-01-01","quest_id":"A","quest_id":"B"}\n');
await q("SELECT * FROM read_ndjson('/tmp/i12dup.ndjson', columns={ts:'VARCHAR',quest_id:'VARCHAR'})");
writeFileSync('/tmp/i12dup.csv', 'ts,quest_id,quest_id\n1,A,B\n');
await q("SELECT * FROM read_csv('/tmp/i12dup.csv', all_varchar=true)");
await q("SELECT json_type('{\"a\":{\"b\":1}}', '$.a') t, json_extract_string('{\"a\":{\"b\":1}}', ['$.a','$.b']) v");
await q("SELECT try_cast('10000-01-01' AS TIMESTAMPTZ) a, try_cast('1900-01-01' AS TIMESTAMP) b");
// perf
let t = performance.now();
await q(
  "SELECT count(*) FROM (SELECT nfc_normalize('player' || (i%1000)::VARCHAR) x FROM range(10000000) t(i)) WHERE x IS NOT NULL",
);
console.log('nfc', performance.now() - t);
t = performance.now();
await q(
  "SELECT count(*) FROM (SELECT ('player' || (i%1000)::VARCHAR) x FROM range(10000000) t(i)) WHERE x IS NOT NULL",
);
console.log('plain', performance.now() - t);
t = performance.now();
await q(
  "SELECT count(*) FROM (SELECT ('player' || (i%1000)::VARCHAR) x FROM range(10000000) t(i)) WHERE NOT regexp_matches(x, '[\\x00-\\x1f\\x7f]') AND length(x) <= getvariable('ql_max')+300",
);
console.log('ctrl+len', performance.now() - t);
t = performance.now();
