// Snapshots: per-quest figures for each day, computed from the state in SQL and stored by date.
import { existsSync } from 'node:fs';
import { checkDate, sqlTimestamp } from '../domain/dates.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { errorMessage, InputError, UserError } from '../domain/errors.js';
import { dateMessages, statsMessages } from '../domain/messages.js';
import type { StatsOptions } from '../domain/types.js';
import { type Db, literal, sqlFile } from './db.js';
import { writeSegments } from './segments.js';
import { refreshState } from './state.js';

/** Refreshes state, then computes and stores the snapshot(s); returns the dates written. */
export async function computeSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]> {
  const [state, stateMs] = await timed(() => refreshState(db, effects));
  if (state.players > 0) {
    effects.log(statsMessages.state(state.players, state.recomputed, state.rows, stateMs));
  }
  const tz = await checkTimezone(db, opts.timezone ?? 'UTC');
  if (opts.asOf !== undefined) checkDate(opts.asOf);
  const range = await db.one<{ first_day: string | null; last_day: string | null }>(sqlFile('snapshot/range'), { tz });
  const to = opts.asOf ?? range?.last_day;
  const from = opts.backfill ? range?.first_day : to;
  if (!to || !from) {
    throw new UserError(statsMessages.noEvents, { cli: ['ingestOrAsOf'] });
  }
  if (from > to) return [];
  let segMs = 0;
  const [dates, ms] = await timed(async () => {
    await prepareInputs(db, opts.roster);
    await db.run(sqlFile('snapshot/days'), { tz, from, to });
    // Re-running a date replaces it: old rows go in the same transaction that writes the new ones.
    return db.transaction(async () => {
      await db.run('DELETE FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run('DELETE FROM snapshot_runs WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run(sqlFile('snapshot/snapshots'));
      segMs = (await timed(() => writeSegments(db, tz)))[1];
      await db.run(sqlFile('snapshot/runs'), { tz, computed_at: sqlTimestamp(nowOf(effects)) });
      const rows = await db.all<{ d: string }>('SELECT snapshot_date::VARCHAR AS d FROM snapshot_days ORDER BY 1');
      return rows.map((r) => r.d);
    });
  });
  const span = from === to ? from : `${from} .. ${to}`;
  effects.log(statsMessages.snapshots(dates.length, span, tz, ms, segMs));
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
       SELECT DISTINCT trim(player_id) AS player_id
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
