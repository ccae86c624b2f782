// The main job (`npm start`): sample logs -> ingest -> state and backfilled snapshots -> the per-quest table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, configPath } from '../config.js';
import { SAMPLE_DIR } from '../defaults.js';
import { generateDemoData } from '../demo/generate.js';
import { type DemoOptions, SAMPLE_OPTIONS } from '../demo/options.js';
import { demoMessages as msg } from '../domain/demo-messages.js';
import { type Effects, emit } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { EXIT } from '../domain/messages.js';
import type { Snapshot } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { getCoverage, getSnapshot } from '../engine/read.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { type RunCounts, recordRun } from '../engine/runs.js';
import { type IngestSummary, ingest } from '../ingest/ingest.js';
import { publish } from '../publish/publish.js';
import { formatCoverage } from './format.js';
import { ingestCounts } from './ingest.js';
import { loadConfiguredCatalogue, siteTarget, snapshotOptions, withDb } from './run.js';
import { printTable } from './stats.js';

/** Where the committed sample lives, relative to the config's folder. */

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
    throw new UserError(msg.noSource(source), { hint: msg.noSourceHint(source, SAMPLE_DIR) });
  }
  // A fresh clone has the sample committed; regenerating covers a deleted one (same seed, same bytes).
  const sampleDir = configPath(config, SAMPLE_DIR);
  const generated = source === 'sample' && !existsSync(configPath(config, `${SAMPLE_DIR}/logs`));
  if (generated) await generateDemoData({ ...SAMPLE_OPTIONS, ...opts.sample, out: sampleDir }, effects);

  return withDb(opts.db, (db) =>
    recordRun(db, 'demo', effects, (counts) => demoSteps(db, opts, source, generated, counts, effects)),
  );
}

async function demoSteps(
  db: Db,
  opts: DemoJobOptions,
  source: string,
  generated: boolean,
  counts: RunCounts,
  effects: Effects,
): Promise<DemoJobResult> {
  const { config } = opts;
  await loadConfiguredCatalogue(db, config, effects);
  const summary = await ingest(db, { source, config, cwd: config.root }, effects);
  Object.assign(counts, ingestCounts(summary));
  const failed = summary.files.filter((f) => f.status === 'failed');
  if (failed.length > 0) {
    throw new UserError(msg.sampleFailed(failed.map((f) => f.error)), {
      hint: msg.sampleFailedHint(SAMPLE_DIR),
      exitCode: EXIT.input,
    });
  }
  const dates = await engineFor(config).computeSnapshots(db, snapshotOptions(config, { backfill: true }), effects);
  counts.snapshots = dates.length;
  counts.snapshot_date = dates.at(-1);
  // Notebooks read this copy, never the live file (src/engine/readcopy.ts).
  await publishReadCopy(db);
  const snapshot = await getSnapshot(db, dates.at(-1));
  const site = await publish(db, { ...siteTarget(config), asOf: snapshot.meta.snapshot_date }, effects);
  printTable(snapshot, formatCoverage(await getCoverage(db, snapshot.meta.snapshot_date)), effects);
  emit(effects, ['']);
  effects.log(msg.done(summary.totals, dates, opts.db, join(site.out, 'index.html'), join(site.out, 'api/v1/')));
  return { generated, ingest: summary, dates, snapshot };
}
