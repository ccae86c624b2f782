// ql_ts old vs new over 1M timestamps of one shape, CPU of the statement (process CPU), alternating.
// Copied from round12-lead with more shapes (SHAPES=a,b to pick some). Usage: node ts-micro.mjs OLD_MACROS.sql NEW_MACROS.sql (each a copy of src/sql/ingest/macros.sql); each query calls
// ql_ts twice per row (count and sum), so its CPU is two evaluations of 1M times.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const shapes = {
  plain: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%d %H:%M:%S')",
  isoZ: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%SZ')",
  isoFrac: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%S.%f')",
  offset: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%S+02:00')",
  epoch: "(1767225600 + i)::VARCHAR",
  // Round 13 (ts13): shapes beyond the round-12 table.
  epochMs: "(1767225600000 + i * 7)::VARCHAR",
  offsetFrac: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%S.%g-05:00')",
  dateOnly: "strftime(TIMESTAMP '2026-01-01' + to_days(i % 3000), '%Y-%m-%d')",
  named: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%d %H:%M:%S Europe/Paris')",
};
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
await c.run("CREATE TYPE quest_status AS ENUM ('accepted', 'declined', 'completed', 'abandoned', 'failed')");
const picked = process.env.SHAPES ? process.env.SHAPES.split(',') : Object.keys(shapes);
for (const [k, expr] of Object.entries(shapes).filter(([k]) => picked.includes(k))) {
  await c.run(`CREATE TABLE t_${k} AS SELECT ${expr} AS t FROM range(1000000) r(i)`);
}
const run = async (file, k) => {
  await c.run(readFileSync(file, 'utf8'));
  const t0 = process.cpuUsage(); const w0 = performance.now();
  const r = await c.runAndReadAll(`SELECT count(ql_ts(t)), sum(epoch(ql_ts(t))) FROM t_${k}`);
  const cpu = process.cpuUsage(t0); 
  return [((cpu.user + cpu.system) / 1000).toFixed(0), (performance.now() - w0).toFixed(0), String(r.getRows()[0])];
};
for (const k of picked) {
  const out = [];
  for (let rep = 0; rep < 3; rep++) {
    out.push('old ' + (await run(process.argv[2], k)).join('/'));
    out.push('new ' + (await run(process.argv[3], k)).join('/'));
  }
  console.log(k, out.join(' | '));
}
