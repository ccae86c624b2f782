// CPU of single SQL expressions over 1M texts of a shape (3 runs each), to price ql_ts's parts one by one.
// Usage: [MACROS=macros.sql] [SHAPES=offset,epoch] node expr.mjs "EXPR over t" ...
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const shapes = {
  plain: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%d %H:%M:%S')",
  isoZ: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%SZ')",
  isoFrac: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%S.%f')",
  offset: "strftime(TIMESTAMP '2026-01-01' + to_seconds(i), '%Y-%m-%dT%H:%M:%S+02:00')",
  epoch: "(1767225600 + i)::VARCHAR",
  epochms: "(1767225600000 + i*1000)::VARCHAR",
};
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
await c.run("SET TimeZone = 'UTC'");
await c.run("CREATE TYPE quest_status AS ENUM ('accepted', 'declined', 'completed', 'abandoned', 'failed')");
if (process.env.MACROS) await c.run(readFileSync(process.env.MACROS, 'utf8'));
const want = (process.env.SHAPES ?? Object.keys(shapes).join(',')).split(',');
for (const k of want) await c.run(`CREATE TABLE t_${k} AS SELECT ${shapes[k]} AS t FROM range(1000000) r(i)`);
for (const k of want) {
  for (const e of process.argv.slice(2)) {
    const res = [];
    for (let rep = 0; rep < 3; rep++) {
      const t0 = process.cpuUsage();
      const r = await c.runAndReadAll(`SELECT count(${e}) FROM t_${k}`);
      const cpu = process.cpuUsage(t0);
      res.push(((cpu.user + cpu.system) / 1000).toFixed(0) + '(' + r.getRows()[0][0] + ')');
    }
    console.log(k.padEnd(8), res.join(' '), e);
  }
}
