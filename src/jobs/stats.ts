// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table), a recorded run.
import type { Config } from '../config.js';
import { type Effects, emit } from '../domain/effects.js';
import type { Snapshot, StatsOptions } from '../domain/types.js';
import { engineFor } from '../engine/engine.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { recordRun } from '../engine/runs.js';
import { formatCoverage, formatSnapshot, formatStatsTable, type StatsFormat } from './format.js';
import { loadConfiguredCatalogue, snapshotOptions, withDb } from './run.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
  /** `table` (default): coverage and the per-quest table; `json`, `csv`: the snapshot (formatSnapshot) as the result. */
  format?: StatsFormat;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null }> {
  const { db: path, config, format = 'table', ...given } = opts;
  return withDb(path, (db) =>
    recordRun(db, 'stats', effects, async (counts) => {
      await loadConfiguredCatalogue(db, config, effects);
      const dates = await engineFor(config).computeSnapshots(db, snapshotOptions(config, given), effects);
      counts.snapshots = dates.length;
      counts.snapshot_date = dates.at(-1);
      // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts).
      await publishReadCopy(db);
      const last = dates.at(-1);
      if (!last) return { dates, snapshot: null };
      const snapshot = await getSnapshot(db, last);
      const coverage = formatCoverage(await getCoverage(db, last));
      if (format === 'table') printTable(snapshot, coverage, effects);
      else {
        effects.log(coverage);
        emit(effects, formatSnapshot(snapshot, format));
      }
      return { dates, snapshot };
    }),
  );
}

/** The coverage line, a blank line and the per-quest table: how `stats` and the demo job end (the result). */
export function printTable(snapshot: Snapshot, coverage: string, effects: Effects): void {
  emit(effects, [coverage, '', ...formatStatsTable(snapshot)]);
}
