const [wt, ...files] = process.argv.slice(2);
const { fingerprint } = await import(`/work/wt/${wt}/dist/ingest/fingerprint.js`);
const t0 = process.cpuUsage(); const w0 = performance.now();
for (const f of files) await fingerprint(f);
const c = process.cpuUsage(t0);
console.log(wt, 'wall', Math.round(performance.now() - w0), 'ms cpu', Math.round((c.user + c.system) / 1000), 'ms');
