// Import cost of one module after the contender's first three (wall/CPU ms): node imports.mjs PKG MODULE...
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const base = process.argv[2];
await import(`${base}/dist/engine/db.js`);
await import(`${base}/dist/ingest/ingest.js`);
await import(`${base}/dist/engine/migrate.js`);
const t = performance.now(), c = cpu();
for (const n of process.argv.slice(3)) await import(`${base}/dist/${n}.js`);
process.stdout.write(`${process.argv.slice(3).join('+')} ${(performance.now() - t).toFixed(0)}/${(cpu() - c).toFixed(0)}\n`);
