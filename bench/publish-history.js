// Publish cost against history length: a database with QUESTS quests and a snapshot on each of DAYS days (rows made
// in SQL, no events: publishing reads only snapshots), then the nightly's publish as it runs (an earlier site
// recycled, the previous one live), timed, against a full publish into a new folder.
//
//   node bench/publish-history.js --quests 1000 --days 30,365 [--reps 3]
//   node bench/publish-history.js --db history.duckdb --days 30,365 [--reps 3]
//
// With --db, a copy of a real database (events, histograms, survival and chains of its latest date) is used instead,
// its history padded back in time to each --days (bench/lib/pad-history.js), or its oldest dates dropped.
// Run after `npm run build`. Prints one line per (days, kind) with the median and min-max of the reps, in ms, and how
// many files the nightly wrote, left unchanged and compressed.
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Db } from '../dist/engine/db.js';
import { migrate } from '../dist/engine/migrate.js';
import { publish } from '../dist/publish/publish.js';
import { padHistory } from './lib/pad-history.js';

const { values } = parseArgs({
  options: {
    quests: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30,365' },
    reps: { type: 'string', default: '3' },
    db: { type: 'string' },
  },
});
const quests = Number(values.quests);
const reps = Number(values.reps);
const quiet = { log: () => {} };

/** A copy of --db, its history padded to `days` dates; the date the nightly publishes is its latest. */
async function padded(dir, days) {
  const file = join(dir, 'bench.duckdb');
  copyFileSync(values.db, file);
  if (existsSync(`${values.db}.wal`)) copyFileSync(`${values.db}.wal`, `${file}.wal`);
  const db = await Db.open(file);
  await migrate(db);
  await padHistory(db, days);
  const { n, last } = await db.one(
    'SELECT count(*)::INTEGER AS n, max(snapshot_date)::VARCHAR AS last FROM snapshot_runs',
  );
  if (n !== days) throw new Error(`${values.db}: ${n} snapshot dates after padding to ${days}`);
  return { db, last };
}

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
  return { db, last: dayOf(days, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dayOf = (days, back) =>
  new Date(Date.UTC(2026, 0, 1) + (days - 1 - back) * 86_400_000).toISOString().slice(0, 10);
const before = (date, back) => new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);

/** Publishes and returns the ms and the counts of its "files (N unchanged; + M gzip copies)" line. */
async function timedPublish(db, opts) {
  const lines = [];
  const t0 = performance.now();
  const summary = await publish(db, opts, { log: (l) => lines.push(l) });
  const ms = performance.now() - t0;
  const m = lines.join('\n').match(/publish: (\d+) files \((\d+) unchanged; \+ (\d+) gzip copies\)/);
  const [files, unchanged, gz] = m ? m.slice(1).map(Number) : [summary.files, 0, 0];
  return { ms, files, unchanged, gz };
}

for (const days of values.days.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'ql-bench-publish-'));
  const { db, last } = values.db ? await padded(dir, days) : await history(dir, days);
  const nightly = [];
  const full = [];
  let counts;
  for (let r = 0; r < reps; r++) {
    const out = join(dir, `site-${r}`);
    // The nightly's situation: last night's site live, an older one to recycle as the build folder. As bench/run.js
    // does, the older one is a copy of last night's (one day behind instead of two, the same month files), which
    // spares a publish of every quest per rep.
    await publish(db, { out, asOf: before(last, 1) }, quiet);
    cpSync(out, join(dir, `.site-${r}.old`), { recursive: true });
    const n = await timedPublish(db, { out, asOf: last });
    nightly.push(n.ms);
    counts = n;
    full.push((await timedPublish(db, { out: join(dir, `fresh-${r}`), asOf: last })).ms);
  }
  const published = (
    await db.one(`SELECT count(*)::INTEGER AS n FROM snapshots WHERE snapshot_date = CAST($last AS DATE)`, { last })
  ).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  for (const [kind, xs] of [
    ['nightly', nightly],
    ['full', full],
  ]) {
    const ms = xs.map(Math.round);
    const extra =
      kind === 'nightly'
        ? `; last rep: ${counts.files} files, ${counts.unchanged} unchanged, ${counts.gz} gzip copies made`
        : '';
    console.log(
      `${published} quests, ${days} days, ${kind}: median ${median(ms)} ms (${Math.min(...ms)}-${Math.max(...ms)})${extra}`,
    );
  }
}
