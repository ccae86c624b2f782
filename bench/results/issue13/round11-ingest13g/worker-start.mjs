// CPU of starting a worker thread that imports a module (node:crypto alone, the fingerprint module).
import { Worker } from 'node:worker_threads';
for (const m of ['node:crypto', '/work/wt/ingest13g/dist/ingest/fingerprint.js']) {
const c = process.cpuUsage(); const t = performance.now();
await new Promise((res) => { const w = new Worker(`import(${JSON.stringify(m)}).then(() => process.exit(0))`, { eval: true, execArgv: [] }); w.on('exit', res); });
const cu = process.cpuUsage(c); console.log(m, Math.round(performance.now() - t), 'ms wall', Math.round((cu.user + cu.system) / 1000), 'ms cpu');
}
