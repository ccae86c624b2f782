// `questlog stats`: the job around the engine (catalogue, snapshots, read copy, printed table).
import { type Config, configPath } from '../config.js';
import type { Effects } from '../domain/effects.js';
import { timed } from '../domain/effects.js';
import type { Snapshot, StatsOptions } from '../domain/types.js';
import { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { migrate } from '../engine/migrate.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { formatCoverage, formatStatsTable } from './format.js';

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null }> {
  const config = opts.config;
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
    if (!last) return { dates, snapshot: null };
    const snapshot = await getSnapshot(db, last);
    const coverage = await getCoverage(db, last);
    effects.log(formatCoverage(coverage));
    effects.log('');
    for (const line of formatStatsTable(snapshot)) effects.log(line);
    return { dates, snapshot };
  } finally {
    db.close();
  }
}
