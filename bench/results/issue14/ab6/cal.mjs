import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY', threads: process.env.T ?? '2' });
const c = await inst.connect();
for (const q of process.argv.slice(3)) for (let i = 0; i < 4; i++) { const c0 = process.cpuUsage(); const t0 = Date.now(); await c.run(q); const u = process.cpuUsage(c0); console.log(Math.round((u.user + u.system) / 1000), 'ms cpu', Date.now() - t0, 'ms wall', q.slice(0, 80)); }
