// Snapshots: per-quest figures for each day, computed from the state in SQL and stored by date.
import { existsSync } from 'node:fs';
import { LIMIT_DEFAULTS } from '../config-limits.js';
import { addDays, checkDate, sqlTimestamp } from '../domain/dates.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { errorMessage, InputError, UserError } from '../domain/errors.js';
import { faultPoint } from '../domain/fault.js';
import { limitMessages } from '../domain/input-messages.js';
import { stopPoint } from '../domain/interrupt.js';
import { dateMessages, type SnapshotExtra, snapshotMessages, statsMessages } from '../domain/messages.js';
import { opsMessages } from '../domain/ops-messages.js';
import { progressMessages } from '../domain/progress-messages.js';
import type { StatsOptions } from '../domain/types.js';
import { storeChains } from './chains.js';
import { type Db, runScript, sqlFile, withPath } from './db.js';
import { keptCovers, writeSegments } from './segments.js';
import { refreshState } from './state.js';
import { storeSurvival } from './survival.js';

/** Refreshes state, then computes and stores the snapshot(s); returns the dates written. */
export async function computeSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]> {
  // The long statements of a nightly or a backfill: a stop asked for interrupts the one running.
  return db.interruptible(effects.signal, () => stateAndSnapshots(db, opts, effects));
}

async function stateAndSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]> {
  const [state, stateMs] = await timed(() => refreshState(db, effects));
  if (state.players > 0) {
    effects.log(statsMessages.state(state.players, state.recomputed, state.rows, stateMs));
  }
  // The run's kept-covers answer, asked once for the figures and the segments.
  let covers: ReturnType<typeof keptCovers> | undefined;
  return snapshotDays(
    db,
    opts,
    effects,
    async () => {
      // On a date after every event (the nightly's) the counts and sums the state refresh keeps are the day's.
      covers = keptCovers(db, Boolean(opts.roster));
      const kept = (await covers)?.open === true;
      if (kept) await db.run(sqlFile('snapshot/quantiles_kept'));
      await db.run(sqlFile(kept ? 'snapshot/figures_kept' : 'snapshot/figures'));
    },
    async (extra, tz) => {
      // Segments, survival times and chain funnels read the same day-end state; timed apart, as they are optional.
      extra.segments =
        (extra.segments ?? 0) +
        (await timed(() => writeSegments(db, tz, Boolean(opts.roster), covers, opts.dimensions)))[1];
      if (opts.extras === false) return;
      await db.run(sqlFile('snapshot/day_end_pairs'));
      extra.survival = (extra.survival ?? 0) + (await storeSurvival(db));
      extra.chains = (extra.chains ?? 0) + (await storeChains(db));
    },
  );
}

/**
 * A run of days takes about this long: a long backfill's count moves every few seconds with an ETA, while each run's
 * fixed cost (planning a dozen statements: ~0.15-0.4 s, whatever the data) stays small against the days' own work.
 */
const RUN_MS = 5000;

/**
 * The next run's length in days from the last run (`days` in `ms`). A quick run is mostly fixed cost, so the next
 * is 8 times longer (a small backfill takes 2 or 3 runs); a slow one sets the pace: RUN_MS worth of days, at least one.
 */
export function nextRun(days: number, ms: number): number {
  if (ms < RUN_MS / 2) return days * 8;
  return Math.max(1, Math.floor((days * RUN_MS) / ms));
}

/**
 * The engine-independent part of a snapshot run: works out the days (snapshot_all_days, from the event counts per
 * quarter hour and the players), then for each run of days (snapshot_days) lets the engine fill the temp table
 * snapshot_figures (per date and quest met), and stores the rows and runs. Returns the dates written.
 */
export async function snapshotDays(
  db: Db,
  opts: StatsOptions,
  effects: Effects,
  figures: () => Promise<void>,
  /**
   * Per run of days, inside the transaction that stores the rows: whatever else the engine keeps per date (stored
   * histograms; the DuckDB engine's segments, survival times and chain funnels, whose costs it adds up in `extra` for
   * the log), in $tz.
   */
  storeMore?: (extra: SnapshotExtra, tz: string) => Promise<void>,
): Promise<string[]> {
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
  if (from > to) return [];
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const max = opts.maxBackfillDays ?? LIMIT_DEFAULTS.backfill_days;
  if (span > max) {
    throw new UserError(limitMessages.backfillTooLong(from, to, span, max), { hint: limitMessages.backfillHint });
  }
  await refuseZoneChange(db, tz, from, to);
  const extra: SnapshotExtra = {};
  const [dates, ms] = await timed(async () => {
    await prepareInputs(db, opts.roster);
    await db.run(sqlFile('snapshot/days'), { tz, from, to });
    const all = await db.all<{ d: string }>(sqlFile('snapshot/all_days'));
    const days = all.map((r) => r.d);
    const progress = (k: number) =>
      effects.progress?.(progressMessages.snapshots(opts.backfill === true), k, days.length, 'days');
    progress(0);
    // Every day lands together or none does: one transaction around all the runs.
    return db.transaction(async () => {
      await runScript(db, sqlFile('snapshot/delete_days'));
      const computedAt = sqlTimestamp(nowOf(effects));
      for (let k = 0, size = 1; k < days.length; ) {
        // A safe point: the transaction rolls back, and the stored days stay as they were.
        stopPoint(effects);
        const run = days.slice(k, k + size);
        const [, runMs] = await timed(async () => {
          await db.run(sqlFile('snapshot/batch_days'), { first: run[0] ?? '', last: run.at(-1) ?? '' });
          await figures();
          await db.run(sqlFile('snapshot/snapshots'));
          faultPoint('snapshot-writing');
          await db.run(sqlFile('snapshot/runs'), { tz, computed_at: computedAt });
          await storeMore?.(extra, tz);
        });
        k += run.length;
        progress(k);
        size = nextRun(run.length, runMs);
      }
      return days;
    });
  });
  const dated = from === to ? from : `${from} .. ${to}`;
  effects.log(statsMessages.snapshots(dates.length, dated, tz, ms, extra));
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
    // ql_trim_ws: a roster's ids are trimmed by ingest's whitespace rule, or a tab-padded id would match nobody.
    await runScript(db, sqlFile('ingest/macros'));
    await db.run(withPath(sqlFile('snapshot/roster'), roster));
  } catch (err) {
    throw new InputError(roster, statsMessages.rosterUnreadable(errorMessage(err)), { cause: err });
  }
  await db.run(sqlFile('snapshot/inputs_roster'));
}

async function checkTimezone(db: Db, tz: string): Promise<string> {
  try {
    await db.run(sqlFile('snapshot/timezone_check'), { tz });
  } catch (err) {
    throw new UserError(dateMessages.unknownZone(tz), { hint: dateMessages.unknownZoneHint, cause: err });
  }
  return tz;
}

/**
 * Refuses a run in time zone `tz` while snapshots it does not replace (outside `from`..`to`) are in another: a changed
 * `timezone` silently mixed days ending at different midnights in the history. A run replacing them all (a backfill
 * over the whole history) moves it to the new zone.
 */
export async function refuseZoneChange(db: Db, tz: string, from: string, to: string): Promise<void> {
  const stored = await db.all<{ zone: string; n: number; first: string; last: string }>(
    sqlFile('snapshot/other_zones'),
    { tz, from, to },
  );
  const [main] = stored;
  if (!main) return;
  const last =
    stored
      .map((z) => z.last)
      .sort()
      .at(-1) ?? main.last;
  throw new UserError(opsMessages.zoneChanged(tz, stored), {
    hint: opsMessages.zoneChangedHint(tz, main.zone, last),
  });
}
