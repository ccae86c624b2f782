// Snapshots: per-quest figures for each day, computed from the state in SQL and stored by date.
import { existsSync } from 'node:fs';
import { LIMIT_DEFAULTS } from '../config-limits.js';
import { addDays, checkDate, sqlTimestamp } from '../domain/dates.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { errorMessage, InputError, UserError } from '../domain/errors.js';
import { faultPoint } from '../domain/fault.js';
import { limitMessages } from '../domain/input-messages.js';
import { dateMessages, type SnapshotExtra, snapshotMessages, statsMessages } from '../domain/messages.js';
import type { StatsOptions } from '../domain/types.js';
import { storeChains } from './chains.js';
import { type Db, literal, sqlFile } from './db.js';
import { writeSegments } from './segments.js';
import { refreshState } from './state.js';
import { storeSurvival } from './survival.js';

/** Refreshes state, then computes and stores the snapshot(s); returns the dates written. */
export async function computeSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]> {
  const step = stepper(opts, effects);
  step(0);
  const [state, stateMs] = await timed(() => refreshState(db, effects));
  step(1);
  if (state.players > 0) {
    effects.log(statsMessages.state(state.players, state.recomputed, state.rows, stateMs));
  }
  return snapshotDays(
    db,
    opts,
    effects,
    async () => {
      await db.run(sqlFile('snapshot/figures'));
    },
    async (extra, tz) => {
      // Segments, survival times and chain funnels read the same day-end state; timed apart, as they are optional.
      extra.segments = (await timed(() => writeSegments(db, tz)))[1];
      await db.run(sqlFile('snapshot/day_end_pairs'));
      extra.survival = await storeSurvival(db);
      extra.chains = await storeChains(db);
    },
  );
}

/** Step progress on a terminal (DuckDB's per-query progress is not reachable through @duckdb/node-api's run()). */
function stepper(opts: StatsOptions, effects: Effects): (k: number) => void {
  return (k) => effects.progress?.(opts.backfill ? 'stats --backfill' : 'stats', k, 4);
}

/**
 * The engine-independent part of a snapshot run: works out the days (snapshot_days, from the event counts per quarter
 * hour and the players), lets the engine fill the temp table snapshot_figures (per date and quest met), and stores
 * the rows and runs. Returns the dates written.
 */
export async function snapshotDays(
  db: Db,
  opts: StatsOptions,
  effects: Effects,
  figures: () => Promise<void>,
  /**
   * Inside the transaction that stores the rows: whatever else the engine keeps per date (stored histograms; the DuckDB
   * engine's segments, survival times and chain funnels, whose costs it notes in `extra` for the log line), in $tz.
   */
  storeMore?: (extra: SnapshotExtra, tz: string) => Promise<void>,
): Promise<string[]> {
  const step = stepper(opts, effects);
  const tz = await checkTimezone(db, opts.timezone ?? 'UTC');
  if (opts.asOf !== undefined) checkDate(opts.asOf);
  const range = await db.one<{ first_day: string | null; last_day: string | null }>(sqlFile('snapshot/range'), { tz });
  const last = range?.last_day;
  // A future date would be stored and then published as the latest snapshot; tomorrow is allowed (a late zone).
  if (opts.asOf !== undefined && !opts.force && last && opts.asOf > addDays(last, 1)) {
    throw new UserError(snapshotMessages.futureAsOf(opts.asOf, last), { cli: ['force'] });
  }
  const to = opts.asOf ?? last;
  const from = opts.backfill ? range?.first_day : to;
  if (!to || !from) {
    throw new UserError(statsMessages.noEvents, { cli: ['ingestOrAsOf'] });
  }
  if (from > to) {
    step(4);
    return [];
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const max = opts.maxBackfillDays ?? LIMIT_DEFAULTS.backfill_days;
  if (days > max) {
    throw new UserError(limitMessages.backfillTooLong(from, to, days, max), { hint: limitMessages.backfillHint });
  }
  const extra: SnapshotExtra = {};
  const [dates, ms] = await timed(async () => {
    await prepareInputs(db, opts.roster);
    await db.run(sqlFile('snapshot/days'), { tz, from, to });
    await figures();
    step(2);
    // Re-running a date replaces it: old rows go in the same transaction that writes the new ones.
    return db.transaction(async () => {
      await db.run('DELETE FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run('DELETE FROM snapshot_runs WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run('DELETE FROM snapshot_histograms WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      // Whichever engine runs: an engine without segments must not leave another's rows for a recomputed date.
      await db.run('DELETE FROM segment_snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run(sqlFile('snapshot/snapshots'));
      step(3);
      faultPoint('snapshot-writing');
      await db.run(sqlFile('snapshot/runs'), { tz, computed_at: sqlTimestamp(nowOf(effects)) });
      await storeMore?.(extra, tz);
      const rows = await db.all<{ d: string }>('SELECT snapshot_date::VARCHAR AS d FROM snapshot_days ORDER BY 1');
      return rows.map((r) => r.d);
    });
  });
  step(4);
  const span = from === to ? from : `${from} .. ${to}`;
  effects.log(statsMessages.snapshots(dates.length, span, tz, ms, extra));
  return dates;
}

/** Creates the temp views the snapshot SQL reads: all players seen, or exactly the roster's. */
async function prepareInputs(db: Db, roster?: string): Promise<void> {
  if (!roster) {
    await db.run(sqlFile('snapshot/inputs'));
    return;
  }
  if (!existsSync(roster)) throw new InputError(roster, statsMessages.rosterMissing);
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE snapshot_roster AS
       -- NFC as ingest stores player ids, or a roster typed in NFD would match nobody.
       SELECT DISTINCT trim(nfc_normalize(player_id)) AS player_id
       FROM read_csv(${literal(roster)}, header = true, all_varchar = true)
       WHERE nullif(trim(player_id), '') IS NOT NULL`,
    );
  } catch (err) {
    throw new InputError(roster, statsMessages.rosterUnreadable(errorMessage(err)), { cause: err });
  }
  await db.run(sqlFile('snapshot/inputs_roster'));
}

async function checkTimezone(db: Db, tz: string): Promise<string> {
  try {
    await db.run("SELECT timezone($tz, TIMESTAMP '2000-01-01 00:00:00')", { tz });
  } catch (err) {
    throw new UserError(dateMessages.unknownZone(tz), { hint: dateMessages.unknownZoneHint, cause: err });
  }
  return tz;
}
