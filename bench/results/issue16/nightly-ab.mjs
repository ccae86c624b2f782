// A/B of one nightly publish (issue 16 notes): the synthetic database of bench/publish-history.js (QUESTS quests, a
// snapshot on each of DAYS days, no events), kept between runs in $QL_PUB_WORK (default /tmp/ql-pub-ab), last night's
// site live and a copy of it recycled, then the timed publish of the latest date with process CPU time.
//   node bench/results/issue16/nightly-ab.mjs DIST QUESTS DAYS [--prof out.cpuprofile] [--full] [--bytes]
// DIST is a build's dist folder (this tree's, or /work/main/dist for the baseline).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Session } from 'node:inspector/promises';
const [dist, qs, ds, ...rest] = process.argv.slice(2);
const quests = Number(qs), days = Number(ds);
const { Db } = await import(`${dist}/engine/db.js`);
const { migrate } = await import(`${dist}/engine/migrate.js`);
const { publish } = await import(`${dist}/publish/publish.js`);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab';
mkdirSync(work, { recursive: true });
const file = `${work}/q${quests}-d${days}.duckdb`;
const fresh = !existsSync(file);
const db = await Db.open(file);
await migrate(db);
if (fresh) {
  await db.run(`INSERT INTO snapshot_runs
     SELECT DATE '2026-01-01' + i::INTEGER, TIMESTAMP '2026-01-02 03:00:00' + to_days(i::INTEGER), 10000, 1000 * i,
            TIMESTAMP '2026-01-01 23:59:00' + to_days(i::INTEGER), TIMESTAMP '2026-01-02 00:00:00' + to_days(i::INTEGER), 'UTC'
     FROM range($days) t(i)`, { days });
  await db.run(`INSERT INTO snapshots (snapshot_date, quest_id, players, accepted, declined, completed, abandoned, failed,
       not_encountered, completion_rate, mean_seconds, min_seconds, max_seconds, median_seconds, p90_seconds,
       mean_attempts, anomalies)
     SELECT DATE '2026-01-01' + d::INTEGER, printf('Q%05d', q), 10000, a, 10, c, 5, 3, 10000 - a - 10 - c - 5 - 3,
            c / 10000, 600 + q, 60, 6000, 500 + q, 1200 + q, 1.2, 0
     FROM range($days) t(d), range($quests) u(q),
          LATERAL (SELECT (q * 7 + d) % 500 AS a, (q * 13 + d * 3) % 4000 AS c)`, { days, quests });
  await db.run(`UPDATE snapshots SET
       completion_rate_low = r.completion_rate_low, completion_rate_high = r.completion_rate_high,
       reach_rate = r.reach_rate, reach_rate_low = r.reach_rate_low, reach_rate_high = r.reach_rate_high,
       conversion_rate = r.conversion_rate, conversion_rate_low = r.conversion_rate_low,
       conversion_rate_high = r.conversion_rate_high
     FROM (SELECT snapshot_date, quest_id, unnest(ql_rates(players, players - not_encountered, completed)) FROM snapshots) r
     WHERE snapshots.snapshot_date = r.snapshot_date AND snapshots.quest_id = r.quest_id`);
  await db.run('CHECKPOINT');
}
const dayOf = (back) => new Date(Date.UTC(2026, 0, 1) + (days - 1 - back) * 86_400_000).toISOString().slice(0, 10);
const tag = dist.includes('/work/main') ? 'main' : 'wt';
const base = `${work}/site-${tag}-${quests}-${days}`;
const prev = `${base}-prev`;
if (!existsSync(prev)) await publish(db, { out: prev, asOf: dayOf(1) }, { log: () => {} });
const out = `${base}/site`;
execFileSync('rm', ['-rf', base]);
const full = rest.includes('--full');
// cp -a: fresh inodes like cpSync, minutes faster for 160,000 files (untimed either way).
const copy = (from, to) => { mkdirSync(dirname(to), { recursive: true }); execFileSync('cp', ['-a', from, to]); };
if (!full) { copy(prev, out); copy(prev, `${base}/.site.old`); }
const pi = rest.indexOf('--prof');
let session;
if (pi >= 0) { session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start'); }
const lines = [];
const c0 = process.cpuUsage(); const t0 = performance.now(); const since = Date.now();
await publish(db, { out, asOf: dayOf(0) }, { log: (l) => lines.push(`${Math.round(performance.now() - t0)} ${l}`) });
const ms = performance.now() - t0; const cpu = process.cpuUsage(c0);
if (session) { const { profile } = await session.post('Profiler.stop'); writeFileSync(rest[pi + 1], JSON.stringify(profile)); }
console.log(lines.join('\n'));
console.log(`${tag} ${quests}q ${days}d ${full ? 'full' : 'nightly'}: ${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu (main thread+pool)`);
if (rest.includes('--bytes')) console.log(`written:\n${(await import('./written.mjs')).written(out, since).join('\n')}`);
db.close();
