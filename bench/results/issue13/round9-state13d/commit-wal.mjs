// A 1M rebuild's COMMIT: with the automatic checkpoint (`auto`) or with it deferred (`defer`: checkpoint_threshold
// 100GB), the COMMIT's wall / CPU ms, the WAL it left and the CHECKPOINT after it. Paths are this round's (state13d).
//   node commit-wal.mjs auto|defer   (needs /work/wt/state13d-db/ing1m.duckdb from state-prof.mjs --make parquet)
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
const { Db } = await import('/work/wt/state13d/dist/engine/db.js');
const { migrate } = await import('/work/wt/state13d/dist/engine/migrate.js');
const { refreshState } = await import('/work/wt/state13d/dist/engine/state.js');
const p = '/work/wt/state13d-db/wal.duckdb';
copyFileSync('/work/wt/state13d-db/ing1m.duckdb', p);
const db = await Db.open(p, { threads: 2, memoryLimit: '6GB', tempDirectory: '/work/wt/state13d-db/tmp' });
await migrate(db);
if (process.argv[2] === 'defer') await db.run("SET checkpoint_threshold = '100GB'");
const conn = db.connection; const orig = conn.run.bind(conn);
let commit = '';
conn.run = async (sql, prm) => { if (sql !== 'COMMIT') return orig(sql, prm); const c0 = process.cpuUsage(); const t0 = performance.now(); const r = await orig(sql, prm); const u = process.cpuUsage(c0); commit = `${Math.round(performance.now() - t0)}/${Math.round((u.user + u.system) / 1000)}`; return r; };
const c0 = process.cpuUsage();
await refreshState(db, { log() {}, now: () => new Date() });
const u = process.cpuUsage(c0);
const wal = existsSync(`${p}.wal`) ? statSync(`${p}.wal`).size : 0;
const c1 = process.cpuUsage(); const t1 = performance.now();
await db.run('CHECKPOINT');
const u1 = process.cpuUsage(c1);
console.log(process.argv[2], 'refresh cpu', Math.round((u.user + u.system) / 1000), 'commit', commit, 'wal MB', (wal / 1e6).toFixed(1), 'checkpoint', `${Math.round(performance.now() - t1)}/${Math.round((u1.user + u1.system) / 1000)}`);
db.close(); rmSync(p);
