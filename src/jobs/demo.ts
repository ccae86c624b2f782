// The main job (`npm start`): sample logs -> ingest -> state and backfilled snapshots -> the per-quest table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, configPath } from '../config.js';
import { type DemoOptions, generateDemoData, SAMPLE_OPTIONS } from '../demo/generate.js';
import { type Effects, timed } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import type { Snapshot } from '../domain/types.js';
import { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { migrate } from '../engine/migrate.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { type IngestSummary, ingest } from '../ingest/ingest.js';
import { publish, resolveOut } from '../publish/publish.js';
import { segmentOptions } from '../publish/segments.js';
import { formatCoverage, formatStatsTable } from './format.js';

/** Where the committed sample lives, relative to the config's folder. */
export const SAMPLE_DIR = 'data/sample';

export interface DemoJobOptions {
  /** Database file. */
  db: string;
  config: Config;
  /** The configured source to ingest (default `sample`). */
  source?: string;
  /** Generator options for a missing sample (default: the committed sample's); tests make a smaller one. */
  sample?: Omit<DemoOptions, 'out'>;
}

export interface DemoJobResult {
  generated: boolean;
  ingest: IngestSummary;
  dates: string[];
  snapshot: Snapshot;
}

/**
 * Runs the whole pipeline on the sample. Idempotent: a second run skips every file (same content hash) and recomputes
 * the same snapshots.
 */
export async function demoJob(opts: DemoJobOptions, effects: Effects): Promise<DemoJobResult> {
  const { config } = opts;
  const source = opts.source ?? 'sample';
  if (!config.sources[source]) {
    throw new UserError(`the demo needs a source named '${source}' in questlog.config.json`, {
      hint: `add "sources": {"${source}": {"format": "seed", "paths": ["${SAMPLE_DIR}/logs/**/*.csv"]}}`,
    });
  }
  // A fresh clone has the sample committed; regenerating covers a deleted one (same seed, same bytes).
  const sampleDir = configPath(config, SAMPLE_DIR);
  const generated = source === 'sample' && !existsSync(configPath(config, `${SAMPLE_DIR}/logs`));
  if (generated) await generateDemoData({ ...SAMPLE_OPTIONS, ...opts.sample, out: sampleDir }, effects);

  const db = await Db.open(opts.db);
  try {
    await migrate(db);
    if (config.catalogue) {
      const [{ quests }, ms] = await timed(() => loadCatalogue(db, configPath(config, config.catalogue as string)));
      effects.log(`catalogue ${config.catalogue}: ${quests} quests in ${ms} ms`);
    }
    const summary = await ingest(db, { source, config, cwd: config.root }, effects);
    const failed = summary.files.filter((f) => f.status === 'failed');
    if (failed.length > 0) {
      throw new UserError(
        `${failed.length} sample file(s) could not be loaded:\n${failed.map((f) => `  ${f.error}`).join('\n')}`,
        {
          hint: `delete ${SAMPLE_DIR}/logs and run again to regenerate the sample`,
          exitCode: 3,
        },
      );
    }
    const dates = await engineFor(config).computeSnapshots(
      db,
      {
        backfill: true,
        timezone: config.timezone,
        roster: config.roster ? configPath(config, config.roster) : undefined,
      },
      effects,
    );
    // Notebooks read this copy, never the live file (src/readcopy.ts).
    await publishReadCopy(db);
    const snapshot = await getSnapshot(db, dates.at(-1));
    const title = typeof config.reports?.title === 'string' ? config.reports.title : undefined;
    const asOf = snapshot.meta.snapshot_date;
    const site = await publish(db, { out: resolveOut(config), asOf, title, segments: segmentOptions(config) }, effects);
    effects.log(formatCoverage(await getCoverage(db, snapshot.meta.snapshot_date)));
    effects.log('');
    for (const line of formatStatsTable(snapshot)) effects.log(line);
    effects.log('');
    effects.log(
      `demo: ${summary.totals.files} files (${summary.totals.files_loaded} loaded, ${summary.totals.files_skipped} skipped), ` +
        `${dates.length} daily snapshots ${dates[0]} .. ${dates.at(-1)} in ${opts.db}; ` +
        `report ${join(site.out, 'index.html')}, API ${join(site.out, 'api/v1/')} (preview: npx questlog serve)`,
    );
    return { generated, ingest: summary, dates, snapshot };
  } finally {
    db.close();
  }
}
