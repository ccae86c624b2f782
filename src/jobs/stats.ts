// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table).
import type { Config } from '../config.js';
import type { Effects } from '../domain/effects.js';
import type { Snapshot, StatsOptions } from '../domain/types.js';
import { engineFor } from '../engine/engine.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { formatCoverage, formatStatsTable, type StatsFormat } from './format.js';
import { loadConfiguredCatalogue, snapshotOptions, withDb } from './run.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
  /** `table` (default) logs the per-quest table; `json` and `csv` leave the snapshot to the caller (formatSnapshot). */
  format?: StatsFormat;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null }> {
  const { db: path, config, ...given } = opts;
  return withDb(path, async (db) => {
    await loadConfiguredCatalogue(db, config, effects);
    const dates = await engineFor(config).computeSnapshots(db, snapshotOptions(config, given), effects);
    // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts).
    await publishReadCopy(db);
    const last = dates.at(-1);
    if (!last) return { dates, snapshot: null };
    const snapshot = await getSnapshot(db, last);
    const coverage = formatCoverage(await getCoverage(db, last));
    if ((opts.format ?? 'table') !== 'table') {
      effects.log(coverage);
      return { dates, snapshot };
    }
    printTable(snapshot, coverage, effects);
    return { dates, snapshot };
  });
}

/** The coverage line, a blank line and the per-quest table: how `stats` and the demo job end. */
export function printTable(snapshot: Snapshot, coverage: string, effects: Effects): void {
  effects.log(coverage);
  effects.log('');
  for (const line of formatStatsTable(snapshot)) effects.log(line);
}
