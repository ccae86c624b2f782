// Creates N files of SIZE bytes in 900 new folders under DIR (a new path) and prints the time and CPU it took; run
// it right after deleting a similar tree and again minutes later (NOTES, "The fixed cost of a file").
//   node bench/results/issue16/create-files.mjs DIR [N] [SIZE]
import { mkdirSync, openSync, writeSync, closeSync, rmSync, constants } from 'node:fs';
const [dir, n = 9000, size = 11000] = process.argv.slice(2);
const buf = Buffer.alloc(Number(size), 120);
const c0 = process.cpuUsage(); const t0 = performance.now();
mkdirSync(dir);
for (let d = 0; d < 900; d++) mkdirSync(`${dir}/d${d}`);
for (let i = 0; i < n; i++) { const fd = openSync(`${dir}/d${i % 900}/f${i}.json`, constants.O_WRONLY|constants.O_CREAT|constants.O_EXCL|constants.O_NOFOLLOW, 0o666); writeSync(fd, buf); closeSync(fd); }
const cu = process.cpuUsage(c0);
console.log(`create ${n}: ${Math.round(performance.now()-t0)} ms wall, user ${Math.round(cu.user/1000)} sys ${Math.round(cu.system/1000)} ms`);
