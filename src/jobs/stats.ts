// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table), a recorded run.
import type { Config } from '../config.js';
import { knownDimensions } from '../config-dimensions.js';
import { type Effects, emit } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { segmentMessages } from '../domain/segment-messages.js';
import type { SegmentRow, Snapshot, StatsOptions } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { recordRun } from '../engine/runs.js';
import { checkDimension, getSegmentRows } from '../engine/segments.js';
import { applyFloor } from '../publish/privacy.js';
import { formatCoverage, formatSnapshot, formatStatsTable, type StatsFormat } from './format.js';
import { loadConfiguredCatalogue, snapshotOptions, withDb } from './run.js';
import { formatSegmentTables, rowsCsv, rowsJson } from './segments-format.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
  /** `table` (default): coverage and the per-quest table; `json`, `csv`: the snapshot (formatSnapshot) as the result. */
  format?: StatsFormat;
  /** Also each quest's figures per value of this dimension: per-value tables, or (json / csv) rows of quest_id,
   * dimension, value (null on a quest's overall row) and the figures, as the result instead of the snapshot. */
  by?: string;
  /** Apply the privacy floor of published output to the `by` rows (default 0: the CLI sees everything). */
  minPlayers?: number;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null; rows: SegmentRow[] }> {
  const { db: path, config, by, minPlayers, format = 'table', ...given } = opts;
  return withDb(path, (db) =>
    recordRun(db, 'stats', effects, async (counts) => {
      await loadConfiguredCatalogue(db, config, effects);
      const engine = engineFor(config);
      if (by !== undefined && !engine.segments) throw new UserError(segmentMessages.engineUnsupported(engine.kind));
      // A dimension nobody declared nor stored is refused before the snapshot is computed and stored for nothing; the
      // check after it (for the date) still sees a dimension this run stored first.
      if (by !== undefined) await checkDimension(db, by, undefined, knownDimensions(config));
      const dates = await engine.computeSnapshots(db, snapshotOptions(config, given), effects);
      counts.snapshots = dates.length;
      counts.snapshot_date = dates.at(-1);
      // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts).
      await publishReadCopy(db);
      const last = dates.at(-1);
      if (!last) return { dates, snapshot: null, rows: [] };
      const snapshot = await getSnapshot(db, last);
      const coverage = formatCoverage(await getCoverage(db, last));
      // A dimension the config declares, or one stored for the date (checked once the snapshot is there).
      const dimension = by === undefined ? undefined : await checkDimension(db, by, last, knownDimensions(config));
      const rows = dimension ? await statsRows(db, last, dimension, minPlayers ?? 0) : [];
      if (format === 'table') {
        printTable(snapshot, coverage, effects);
        if (dimension) emit(effects, formatSegmentTables(rows, dimension));
      } else {
        effects.log(coverage);
        // With --by the segment rows (each quest's overall row first), else the snapshot in its own shape.
        if (dimension) emit(effects, format === 'json' ? rowsJson(rows) : rowsCsv(rows));
        else emit(effects, formatSnapshot(snapshot, format));
      }
      return { dates, snapshot, rows };
    }),
  );
}

/** The coverage line, a blank line and the per-quest table: how `stats` and the demo job end (the result). */
export function printTable(snapshot: Snapshot, coverage: string, effects: Effects): void {
  emit(effects, [coverage, '', ...formatStatsTable(snapshot)]);
}

/** Each quest's overall row, then its values of the dimension, with the floor applied when asked for. */
async function statsRows(db: Db, date: string, dimension: string, minPlayers: number): Promise<SegmentRow[]> {
  return applyFloor(await getSegmentRows(db, { date, dimension }), minPlayers);
}
