// Round 9 (dims14a): main's raw-lines read (src/sql/ingest/raw_lines.sql, into a temp table, preserve_insertion_order
// on) of the given files with parallel = true and false, alternating REPS times (env, default 4); wall/CPU ms.
// node raw-lines-parallel.mjs FILE...
import { DuckDBInstance } from '@duckdb/node-api';
const db = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
await db.run('SET preserve_insertion_order = true');
const paths = process.argv.slice(2);
const out = { true: [], false: [] };
for (let r = 0; r < Number(process.env.REPS ?? 4); r++) for (const par of [true, false]) {
  const s = `CREATE OR REPLACE TEMP TABLE t AS SELECT filename, raw FROM read_csv($p, columns = {'raw': 'VARCHAR'}, delim = E'\\x01\\x02\\x03\\x04', quote = '', escape = '', header = false, auto_detect = false, new_line = '\\r\\n', strict_mode = false, max_line_size = 65536, filename = true, parallel = ${par})`;
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const st = await db.prepare(s); const { listValue } = await import('@duckdb/node-api'); st.bind({ p: listValue(paths) }); await st.run();
  const c = process.cpuUsage(c0);
  out[par].push(`${(performance.now() - t0).toFixed(0)}w/${((c.user + c.system) / 1000).toFixed(0)}c`);
}
console.log(paths.length, 'files', JSON.stringify(out));
