// Segments: per-quest figures for each value of a dimension (build, platform, cohort and the extra ones a mapped source
// declares), stored beside each snapshot.
import { listValue } from '@duckdb/node-api';
import { checkDate } from '../domain/dates.js';
import { UserError } from '../domain/errors.js';
import { segmentMessages as msg } from '../domain/segment-messages.js';
import { DIMENSIONS, type SegmentRow } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';

/**
 * A dimension asked for by name: one of `configured` (the config's known dimensions, knownDimensions: built-in and
 * extra), or one stored for the snapshot `date` (any date when none), so a reader without the config (a notebook)
 * still finds the extra ones. Else an error listing them all, built-in ones first, then the extra ones by name.
 */
export async function checkDimension(
  db: Db,
  name: string,
  date?: string,
  configured: readonly string[] = DIMENSIONS,
): Promise<string> {
  if (configured.includes(name)) return name;
  const stored = await db.all<{ dimension: string }>(sqlFile('segments/dimensions'), { date: date ?? null });
  const names = new Set([...configured, ...stored.map((r) => r.dimension)]);
  if (names.has(name)) return name;
  const builtIn: readonly string[] = DIMENSIONS;
  const extra = [...names].filter((d) => !builtIn.includes(d)).sort();
  throw new UserError(msg.unknownDimension(name, [...DIMENSIONS, ...extra]));
}

/**
 * Writes the segment rows of the dates in snapshot_days (the snapshot rows of those dates must be written first):
 * one statement for every date, dimension, value and quest. Called inside the snapshot's transaction, which
 * deleted the dates' old rows. A run of one day (the nightly's) reads that day's state directly: the multi-day
 * statement's machinery costs more than the day's figures. `roster`: only a roster's players count. `covers`: the
 * run's keptCovers, when the caller asked already (the per-quest figures do). `extras`: the extra dimensions to
 * compute (StatsOptions.dimensions), by their own statement on either path.
 */
export async function writeSegments(
  db: Db,
  tz: string,
  roster: boolean,
  covers: Promise<Covers | undefined> = keptCovers(db, roster),
  extras: readonly string[] = [],
): Promise<void> {
  await writeBuiltIn(db, tz, roster, covers);
  // The extra dimensions (config `sources.X.dimensions`): one statement for all of them, every day of the run, on
  // either path (the kept tables hold the built-in ones only). None configured: nothing to run.
  if (extras.length === 0) return;
  await db.run(sqlFile('segments/macros'));
  await db.run(sqlFile('segments/snapshots_extra'), { tz, extras: listValue([...extras]) });
}

async function writeBuiltIn(db: Db, tz: string, roster: boolean, covers: Promise<Covers | undefined>): Promise<void> {
  const kept = await covers;
  if (kept) {
    // The sums and counts the state refresh keeps, when they are the day's, and the quantiles of the groups whose
    // completions did not change or only gained times (the refresh appended those and took the quantiles again):
    // the nightly's date groups only the rows of the groups that lost or changed a time, or are new.
    await db.run(sqlFile(kept.completed ? 'segments/completed_kept' : 'segments/completed_day'));
    await db.run(sqlFile(kept.open ? 'segments/open_kept' : 'segments/open_day'));
    await db.run(sqlFile('segments/cohorts'), { tz });
    await db.run(sqlFile('segments/completed_groups'));
    if (kept.completed) {
      await db.run(sqlFile('segments/quantiles_kept'), { tz });
      await db.run(sqlFile('segments/quantiles_day_kept'));
    } else {
      await db.run(sqlFile('segments/quantiles_day'));
    }
    await db.run(sqlFile('segments/snapshot_day'), { tz });
    await db.run(`DROP ${kept.completed ? 'VIEW' : 'TABLE'} temp.segment_quantiles_day`);
    for (const t of ['segment_cohorts', 'segment_completed_groups']) await db.run(`DROP TABLE temp.${t}`);
    return;
  }
  await db.run(sqlFile('segments/players'), { tz });
  // The completion times' step, which segments/snapshots_extra.sql shares.
  await db.run(sqlFile('segments/macros'));
  await db.run(sqlFile('segments/snapshots'));
  await db.run('DROP TABLE IF EXISTS temp.segment_players');
  // A backfill's run whose last day is after every completion keeps that day's quantiles, as a nightly does, so the
  // next nightly sorts only the times of the groups it changes.
  if (!roster && (await db.one<{ completed: boolean }>(sqlFile('segments/covers')))?.completed === true) {
    await db.run(sqlFile('snapshot/quantiles_kept'));
    await db.run(sqlFile('segments/completed_kept'));
    await db.run(sqlFile('segments/cohorts'), { tz });
    await db.run(sqlFile('segments/completed_groups'));
    await db.run(sqlFile('segments/quantiles_kept'), { tz });
    for (const t of ['segment_cohorts', 'segment_completed_groups']) await db.run(`DROP TABLE temp.${t}`);
  }
}

interface Covers {
  completed: boolean;
  open: boolean;
}

/**
 * For a run of one day (undefined for more): which of the kept sums (segment_completed) and counts (segment_open)
 * are that day's (segments/covers.sql); neither with a roster, as they count every player.
 */
export async function keptCovers(db: Db, roster: boolean): Promise<Covers | undefined> {
  const days = await db.one<{ n: number }>(sqlFile('snapshot/days_count'));
  if (days?.n !== 1) return undefined;
  if (roster) return { completed: false, open: false };
  const covers = await db.one<{ completed: boolean; open: boolean }>(sqlFile('segments/covers'));
  return { completed: covers?.completed === true, open: covers?.open === true };
}

interface SegmentQuery {
  /** Snapshot date 'YYYY-MM-DD' (must be stored). */
  date: string;
  /** One dimension, or every one. */
  dimension?: string;
  quest?: string;
  /** Only these quests (one read for a few quests, e.g. the previous date's rows of the segment movers). */
  quests?: readonly string[];
  /** Include each quest's overall row (dimension and value null) before its values. */
  overall?: boolean;
}

/** Stored figures per quest and value, with rates and their intervals, in quest then dimension then value order. */
export async function getSegmentRows(db: Db, q: SegmentQuery): Promise<SegmentRow[]> {
  checkDate(q.date);
  // DuckDB cannot bind an empty list (its item type is unknown): no quests, no rows.
  if (q.quests?.length === 0) return [];
  return db.all<SegmentRow>(sqlFile('segments/stats'), {
    date: q.date,
    dimension: q.dimension ?? null,
    quest: q.quest ?? null,
    quests: q.quests ? listValue([...q.quests]) : null,
    overall: q.overall ?? true,
  });
}
