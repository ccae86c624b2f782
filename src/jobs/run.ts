// The one path every command takes to the database, and the config values the jobs share, resolved here once.
import { resolve } from 'node:path';
import { type Config, configPath, limitsOf } from '../config.js';
import { extraDimensions } from '../config-dimensions.js';
import { DEFAULT_OUT } from '../defaults.js';
import { type Effects, timed } from '../domain/effects.js';
import { statsMessages } from '../domain/messages.js';
import type { StatsOptions } from '../domain/types.js';
import { Db } from '../engine/db.js';
import { migrate } from '../engine/migrate.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { type SegmentOptions, segmentOptions } from '../publish/segment-figures.js';
import { siteFolder } from '../publish/site-folder.js';

/** Wraps a job's steps (the nightly names each one in its error); default: run as is. */
export type Step = <T>(name: string, fn: () => Promise<T>) => Promise<T>;
const plain: Step = (_name, fn) => fn();

/**
 * Open -> migrate -> `fn` -> close, whatever happens. Read-only opens migrate too: a current database passes, an
 * older one is an error that says how to migrate it (nothing reads a schema it does not know).
 */
export async function withDb<T>(
  path: string,
  fn: (db: Db) => Promise<T>,
  opts: { readOnly?: boolean; step?: Step } = {},
): Promise<T> {
  const step = opts.step ?? plain;
  const db = await step('opening the database', () => Db.open(path, { readOnly: opts.readOnly }));
  try {
    await step('migrating the database', () => migrate(db));
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Loads the configured catalogue (if any); logs it unless `quiet` (the nightly prints no catalogue line). */
export async function loadConfiguredCatalogue(
  db: Db,
  config: Config | undefined,
  effects: Effects,
  opts: { step?: Step; quiet?: boolean } = {},
): Promise<number | undefined> {
  const file = config?.catalogue;
  if (!config || !file) return undefined;
  const step = opts.step ?? plain;
  const [{ quests }, ms] = await step(`catalogue ${file}`, () =>
    timed(() => loadCatalogue(db, configPath(config, file), limitsOf(config))),
  );
  if (!opts.quiet) effects.log(statsMessages.catalogueLoaded(file, quests, ms));
  return quests;
}

/** Snapshot options from the config, with what a command line gave on top. */
export function snapshotOptions(config: Config | undefined, given: StatsOptions = {}): StatsOptions {
  const roster = given.roster ?? (config?.roster ? configPath(config, config.roster) : undefined);
  const maxBackfillDays = given.maxBackfillDays ?? limitsOf(config).backfill_days;
  const dimensions = given.dimensions ?? extraDimensions(config);
  return { ...given, timezone: given.timezone ?? config?.timezone, roster, maxBackfillDays, dimensions };
}

/**
 * Where a site goes, what it is called and which segments it shows under which privacy floor: `--out`, else the
 * config's `reports.out`, else `reports/`; config `segments` and `privacy`.
 */
export function siteTarget(
  config: Config,
  out?: string,
): { out: string; title: string | undefined; segments: SegmentOptions; workers: number | undefined } {
  const { title, workers } = config.reports ?? {};
  return { out: resolveOut(config, out), title, segments: segmentOptions(config), workers };
}

/** The site's folder: `--out`, else the config's (or the default), a link there followed to its target. */
export function resolveOut(config: Config, out?: string): string {
  return siteFolder(out ? resolve(out) : configPath(config, config.reports?.out ?? DEFAULT_OUT));
}
