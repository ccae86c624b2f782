// Does a table in an attached ':memory:' database spill to the instance's temp_directory under memory_limit (DuckDB
// 1.5.6)? Usage: node attach-spill.mjs <package root> <memory_limit> <rows>. Prints the table's size, the temp folder's
// bytes while the table exists, and the error if the CTAS fails.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [root, limit = '200MB', rows = '20000000'] = process.argv.slice(2);
const req = createRequire(join(resolve(root), 'package.json'));
const { DuckDBInstance } = await import(pathToFileURL(req.resolve('@duckdb/node-api')).href);
const work = `/work/ingest13i/s-${process.pid}`;
const tmp = join(work, 'tmp');
mkdirSync(work, { recursive: true });
const inst = await DuckDBInstance.create(join(work, 's.duckdb'), { threads: '2', memory_limit: limit, temp_directory: tmp });
const c = await inst.connect();
const c2 = await inst.connect();
await c.run("ATTACH ':memory:' AS ql_stage");
const tmpBytes = () => { try { return readdirSync(tmp).reduce((s, f) => s + statSync(join(tmp, f)).size, 0); } catch { return 0; } };
try {
  await c.run(`CREATE TABLE ql_stage.big AS SELECT i, md5(i::VARCHAR) AS s, md5((i + 1)::VARCHAR) AS s2 FROM range(${rows}) t(i)`);
  const n = (await c2.runAndReadAll('SELECT count(*)::BIGINT, sum(length(s))::BIGINT FROM ql_stage.big')).getRows()[0];
  const mem = (await c.runAndReadAll("SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()")).getRows()[0];
  console.log(JSON.stringify({ limit, rows: String(n[0]), chars: String(n[1]), memory_usage: String(mem[0]), temp_bytes: tmpBytes() }));
} catch (e) {
  console.log('failed:', String(e.message).split('\n')[0], 'temp bytes', tmpBytes());
}
c.closeSync(); c2.closeSync(); inst.closeSync();
rmSync(work, { recursive: true, force: true });
