// Publish cost against history length: a database with QUESTS quests and a snapshot on each of DAYS days (rows made
// in SQL, no events: publishing reads only snapshots), then the nightly's publish as it runs (the site of two days
// before recycled, the previous one live), timed, against a full publish into a new folder.
//
//   node bench/publish-history.js --quests 1000 --days 30,365 [--reps 3]
//
// Run after `npm run build`. Prints one line per (days, kind) with the median and min-max of the reps, in ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Db } from '../dist/engine/db.js';
import { migrate } from '../dist/engine/migrate.js';
import { publish } from '../dist/publish/publish.js';

const { values } = parseArgs({
  options: {
    quests: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30,365' },
    reps: { type: 'string', default: '3' },
  },
});
const quests = Number(values.quests);
const reps = Number(values.reps);
const quiet = { log: () => {} };

async function history(dir, days) {
  const db = await Db.open(join(dir, 'bench.duckdb'));
  await migrate(db);
  await db.run(
    `INSERT INTO snapshot_runs
     SELECT DATE '2026-01-01' + i::INTEGER, TIMESTAMP '2026-01-02 03:00:00' + to_days(i::INTEGER), 10000, 1000 * i,
            TIMESTAMP '2026-01-01 23:59:00' + to_days(i::INTEGER), TIMESTAMP '2026-01-02 00:00:00' + to_days(i::INTEGER), 'UTC'
     FROM range($days) t(i)`,
    { days },
  );
  // Figures that move a little every day, so every day's rows differ (as a live game's do).
  await db.run(
    `INSERT INTO snapshots (snapshot_date, quest_id, players, accepted, declined, completed, abandoned, failed,
       not_encountered, completion_rate, mean_seconds, min_seconds, max_seconds, median_seconds, p90_seconds,
       mean_attempts, anomalies)
     SELECT DATE '2026-01-01' + d::INTEGER, printf('Q%05d', q), 10000, a, 10, c, 5, 3, 10000 - a - 10 - c - 5 - 3,
            c / 10000, 600 + q, 60, 6000, 500 + q, 1200 + q, 1.2, 0
     FROM range($days) t(d), range($quests) u(q),
          LATERAL (SELECT (q * 7 + d) % 500 AS a, (q * 13 + d * 3) % 4000 AS c)`,
    { days, quests },
  );
  // The rates and their intervals, by the macro the snapshot computation uses (as migration 011 fills stored rows).
  await db.run(
    `UPDATE snapshots SET
       completion_rate_low = r.completion_rate_low, completion_rate_high = r.completion_rate_high,
       reach_rate = r.reach_rate, reach_rate_low = r.reach_rate_low, reach_rate_high = r.reach_rate_high,
       conversion_rate = r.conversion_rate, conversion_rate_low = r.conversion_rate_low,
       conversion_rate_high = r.conversion_rate_high
     FROM (SELECT snapshot_date, quest_id, unnest(ql_rates(players, players - not_encountered, completed)) FROM snapshots) r
     WHERE snapshots.snapshot_date = r.snapshot_date AND snapshots.quest_id = r.quest_id`,
  );
  return db;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dayOf = (days, back) =>
  new Date(Date.UTC(2026, 0, 1) + (days - 1 - back) * 86_400_000).toISOString().slice(0, 10);

for (const days of values.days.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'ql-bench-publish-'));
  const db = await history(dir, days);
  const nightly = [];
  const full = [];
  for (let r = 0; r < reps; r++) {
    const out = join(dir, `site-${r}`);
    // The nightly's situation: the site of two days before (recycled as the build folder), yesterday's live.
    await publish(db, { out, asOf: dayOf(days, 2) }, quiet);
    await publish(db, { out, asOf: dayOf(days, 1) }, quiet);
    let t0 = performance.now();
    await publish(db, { out, asOf: dayOf(days, 0) }, quiet);
    nightly.push(performance.now() - t0);
    t0 = performance.now();
    await publish(db, { out: join(dir, `fresh-${r}`), asOf: dayOf(days, 0) }, quiet);
    full.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  for (const [kind, xs] of [
    ['nightly', nightly],
    ['full', full],
  ]) {
    const ms = xs.map(Math.round);
    console.log(
      `${quests} quests, ${days} days, ${kind}: median ${median(ms)} ms (${Math.min(...ms)}-${Math.max(...ms)})`,
    );
  }
}
