// A rolling-date nightly of publish-5k.mjs's 5,000-quest site (issue 16 notes, round 8 pages16c): the day before
// (2026-12-22) published onto the site of the day before that (2026-12-21), kept once per build as a template; each run
// copies the template (a real copy: publish overwrites recycled files in place) and times one publish of 2026-12-23 over
// it, as a nightly finds the site: live = 12-22, `.site.old` = 12-21. Unlike publish-5k.mjs's same-date republish, the
// current month's files are rewritten by the pages and the status/histogram/survival figures change.
// Needs publish-5k.mjs's database ($QL_PUB_WORK/5k.duckdb).
//   node bench/results/issue16/publish-5k-rolling.mjs DIST [--prof out.cpuprofile] [--keep]
// QL_ROLL_DATES=A,B,C (default 2026-12-21,2026-12-22,2026-12-23): the template's two nights and the timed one (round 10
// month16g: 2026-11-29,2026-11-30,2026-12-01 is a month's rollover). QL_ROLL_BYTES=1: after the timed publish, print
// what it wrote (written.mjs: files modified since it started, by kind; counted after the timing). QL_ROLL_LINK_MONTHS=1:
// the template's month files hard-linked into the copy, not copied (they are kept on a night inside a month).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, dirname, join, resolve } from 'node:path';

const [distArg, ...rest] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const { publish } = await import(`${dist}/publish/publish.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const tag = basename(dirname(dist)); // the worktree's name
const dates = (process.env.QL_ROLL_DATES ?? '2026-12-21,2026-12-22,2026-12-23').split(',');
const suffix = process.env.QL_ROLL_DATES ? `-${dates[2]}` : '';
const template = join(work, `roll-${tag}${suffix}-template`);
const base = join(work, `roll-${tag}${suffix}`);
if (!existsSync(join(template, 'site'))) {
  rmSync(template, { recursive: true, force: true });
  for (const asOf of dates.slice(0, 2)) await publish(db, { out: join(template, 'site'), asOf }, { log() {} });
}
rmSync(base, { recursive: true, force: true });
if (process.env.QL_ROLL_LINK_MONTHS === '1') {
  // Round 15 flat15: a 365-day template is 5 GB, ~130,000 of its files closed months' files, which this night keeps
  // (never opens, writes or removes them): those are hard-linked, everything else copied (fresh inodes, as cp -a).
  execFileSync('cp', ['-al', template, base]); // GNU tar below unlinks each file it extracts over
  execFileSync('sh', ['-c', 'cd "$0" && tar --warning=no-file-changed --exclude="*/history/*" -cf - . | (cd "$1" && tar -xf -)', template, base]);
} else execFileSync('cp', ['-a', template, base]);
execFileSync('sync');
const pi = rest.indexOf('--prof');
let session;
if (pi >= 0) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
const lines = [];
const since = Date.now() - 1000;
const c0 = process.cpuUsage();
const t0 = performance.now();
await publish(db, { out: join(base, 'site'), asOf: dates[2] }, {
  log: (l) => lines.push(`${Math.round(performance.now() - t0)} ${l}`),
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(rest[pi + 1], JSON.stringify(profile));
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(
  `${tag} rolling: ${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu ` +
    `(${Math.round(cpu.system / 1000)} sys, process), load ${load}`,
);
for (const l of lines) console.log(`  ${l}`);
if (process.env.QL_ROLL_BYTES === '1') {
  const { written } = await import('./written.mjs');
  for (const l of written(join(base, 'site'), since)) console.log(`  written${l}`);
}
db.close();
if (!rest.includes('--keep')) rmSync(base, { recursive: true, force: true });
