// Round 9 (dims14a): one ingest of gen.mjs's data through the library with a config (plain.json or dims.json), each
// statement's wall time and process CPU (user+sys, DuckDB's threads included) summed by its first words, for finding
// where a source's dimensions cost.
// node prof.mjs DATA_DIR plain|dims [DIST]; with SQL_LOG=FILE every statement run (text and parameters) goes to FILE.
import { appendFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [data, variant, dist = resolve(import.meta.dirname, '../../../../dist')] = process.argv.slice(2);
const { Db } = await import(join(dist, 'engine/db.js'));
const { migrate } = await import(join(dist, 'engine/migrate.js'));
const { loadConfig } = await import(join(dist, 'config.js'));
const { ingest } = await import(join(dist, 'ingest/ingest.js'));
const { recorder } = await import(join(dist, 'domain/effects.js'));
const times = new Map();
const run = Db.prototype.run;
const log = process.env.SQL_LOG;
if (log) rmSync(log, { force: true });
Db.prototype.run = async function (sql, params) {
  if (log) appendFileSync(log, `${sql}\n-- params ${JSON.stringify(params ?? {}, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    return await run.call(this, sql, params);
  } finally {
    const c = process.cpuUsage(c0);
    const key = sql.replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const [w, u] = times.get(key) ?? [0, 0];
    times.set(key, [w + performance.now() - t0, u + (c.user + c.system) / 1000]);
  }
};
const file = join(resolve(data), `prof-${variant}.duckdb`);
rmSync(file, { force: true });
const db = await Db.open(file);
await migrate(db);
const config = loadConfig(resolve(data), join(resolve(data), `${variant}.json`));
const t0 = performance.now();
await ingest(db, { source: 'mygame', config, cwd: resolve(data) }, recorder());
const total = performance.now() - t0;
// The checkpoint on close writes what the ingest committed to the WAL.
const c0 = process.cpuUsage();
const w0 = performance.now();
db.close();
const cc = process.cpuUsage(c0);
times.set('close (checkpoint)', [performance.now() - w0, (cc.user + cc.system) / 1000]);
rmSync(file, { force: true });
const top = [...times].sort((a, b) => b[1][1] - a[1][1]).slice(0, 8);
for (const [k, [w, u]] of top) console.log(`${w.toFixed(0).padStart(7)} ms wall ${u.toFixed(0).padStart(7)} ms cpu  ${k}`);
console.log(`${total.toFixed(0).padStart(7)} ms  total (${variant})`);
