// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table).
import type { Config } from '../config.js';
import type { Effects } from '../domain/effects.js';
import type { Dimension, SegmentRow, Snapshot, StatsOptions } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { checkDimension, getSegmentRows } from '../engine/segments.js';
import { applyFloor } from '../publish/privacy.js';
import { formatCoverage, formatStatsTable, type StatsFormat } from './format.js';
import { loadConfiguredCatalogue, snapshotOptions, withDb } from './run.js';
import { formatSegmentTables, rowsCsv, rowsJson } from './segments-format.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
  /** `table` (default) logs the per-quest table; `json` and `csv` leave the snapshot to the caller (formatSnapshot). */
  format?: StatsFormat;
  /** Also each quest's figures per value of this dimension: per-value tables, or (json / csv) rows of quest_id,
   * dimension, value (null on a quest's overall row) and the figures, written to `write`. */
  by?: string;
  /** Apply the privacy floor of published output to the `by` rows (default 0: the CLI sees everything). */
  minPlayers?: number;
  /** Where the json / csv rows of `by` go (the CLI: stdout, while the step lines go to stderr). */
  write?: (text: string) => void;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null; rows: SegmentRow[] }> {
  const { db: path, config, by, minPlayers, write, format, ...given } = opts;
  const dimension = by === undefined ? undefined : checkDimension(by);
  return withDb(path, async (db) => {
    await loadConfiguredCatalogue(db, config, effects);
    const dates = await engineFor(config).computeSnapshots(db, snapshotOptions(config, given), effects);
    // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts).
    await publishReadCopy(db);
    const last = dates.at(-1);
    if (!last) return { dates, snapshot: null, rows: [] };
    const snapshot = await getSnapshot(db, last);
    const coverage = formatCoverage(await getCoverage(db, last));
    const rows = dimension ? await statsRows(db, last, dimension, minPlayers ?? 0) : [];
    if ((format ?? 'table') !== 'table') {
      effects.log(coverage);
      if (dimension) (write ?? effects.log)(format === 'json' ? rowsJson(rows) : rowsCsv(rows));
      return { dates, snapshot, rows };
    }
    printTable(snapshot, coverage, effects);
    if (dimension) for (const line of formatSegmentTables(rows, dimension)) effects.log(line);
    return { dates, snapshot, rows };
  });
}

/** The coverage line, a blank line and the per-quest table: how `stats` and the demo job end. */
export function printTable(snapshot: Snapshot, coverage: string, effects: Effects): void {
  effects.log(coverage);
  effects.log('');
  for (const line of formatStatsTable(snapshot)) effects.log(line);
}

/** Each quest's overall row, then its values of the dimension, with the floor applied when asked for. */
async function statsRows(db: Db, date: string, dimension: Dimension, minPlayers: number): Promise<SegmentRow[]> {
  return applyFloor(await getSegmentRows(db, { date, dimension }), minPlayers);
}
