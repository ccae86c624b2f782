// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table).
import { type Config, configPath } from '../config.js';
import type { Effects } from '../domain/effects.js';
import { timed } from '../domain/effects.js';
import type { Dimension, SegmentRow, Snapshot, StatsOptions } from '../domain/types.js';
import { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { migrate } from '../engine/migrate.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { checkDimension, getSegmentRows } from '../engine/segments.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { applyFloor } from '../publish/privacy.js';
import { formatCoverage, formatStatsTable } from './format.js';
import { formatSegmentTables, rowsCsv, rowsJson } from './segments-format.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
  /** Also print each quest's figures per value of this dimension. */
  by?: string;
  /** table (default, through effects.log) or rows as json / csv written to `write`. */
  format?: 'table' | 'json' | 'csv';
  /** Apply the privacy floor of published output (default 0: the CLI is inside the studio and sees everything). */
  minPlayers?: number;
  /** Where json / csv rows go (the CLI: stdout, while the step lines go to stderr). */
  write?: (text: string) => void;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null; rows: SegmentRow[] }> {
  const config = opts.config;
  const dimension = opts.by === undefined ? undefined : checkDimension(opts.by);
  const db = await Db.open(opts.db);
  try {
    await migrate(db);
    if (config?.catalogue) {
      const path = configPath(config, config.catalogue);
      const [{ quests }, ms] = await timed(() => loadCatalogue(db, path));
      effects.log(`catalogue ${config.catalogue}: ${quests} quests in ${ms} ms`);
    }
    const dates = await engineFor(config).computeSnapshots(
      db,
      {
        asOf: opts.asOf,
        backfill: opts.backfill,
        timezone: opts.timezone ?? config?.timezone,
        roster: opts.roster ?? (config?.roster ? configPath(config, config.roster) : undefined),
      },
      effects,
    );
    // Notebooks read this copy, never the live file this process holds (src/readcopy.ts).
    await publishReadCopy(db);
    const last = dates.at(-1);
    if (!last) return { dates, snapshot: null, rows: [] };
    const snapshot = await getSnapshot(db, last);
    const coverage = await getCoverage(db, last);
    const rows = await statsRows(db, last, dimension, opts.minPlayers ?? 0);
    effects.log(formatCoverage(coverage));
    if (opts.format === 'json' || opts.format === 'csv') {
      (opts.write ?? effects.log)(opts.format === 'json' ? rowsJson(rows) : rowsCsv(rows));
      return { dates, snapshot, rows };
    }
    effects.log('');
    for (const line of formatStatsTable(snapshot)) effects.log(line);
    if (dimension) for (const line of formatSegmentTables(rows, dimension)) effects.log(line);
    return { dates, snapshot, rows };
  } finally {
    db.close();
  }
}

/** Overall rows, plus the dimension's values when one is asked for, with the floor applied when asked for. */
async function statsRows(db: Db, date: string, dimension: Dimension | undefined, minPlayers: number) {
  const all = await getSegmentRows(db, { date, dimension: dimension ?? 'build' });
  const rows = dimension ? all : all.filter((r) => r.dimension === null);
  return applyFloor(rows, minPlayers);
}
