// One loadSiteData (publish's reads) against publish-5k.mjs's database, timed: wall and process CPU (round 12, pub16m).
//   QL_PUB_WORK=... node bench/results/issue16/load-time.mjs DIST
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
const dist = resolve(process.argv[2]);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const c0 = process.cpuUsage();
const t0 = performance.now();
await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`${basename(dirname(dist))} loadSiteData ${Math.round(ms)} ms wall, ${Math.round((c.user + c.system) / 1000)} ms cpu, load ${load}`);
db.close();
