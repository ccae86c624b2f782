// The cron job: ingest every configured source -> snapshot of the last complete day -> publish, under a lock file;
// a recorded run, which says when its data is stale.
import { dirname, join, resolve } from 'node:path';
import { type Config, DEFAULT_MAX_AGE_HOURS } from '../config.js';
import { addDays, today } from '../domain/dates.js';
import { detail, type Effects, nowOf, warn } from '../domain/effects.js';
import { errorMessage, UserError } from '../domain/errors.js';
import { faultPoint } from '../domain/fault.js';
import { stopPoint, whyStopped } from '../domain/interrupt.js';
import { EXIT, nightlyMessages as msg } from '../domain/messages.js';
import { opsMessages } from '../domain/ops-messages.js';
import { type Db, sqlFile } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { type RunCounts, recordRun } from '../engine/runs.js';
import { refuseZoneChange } from '../engine/snapshot.js';
import { ingest } from '../ingest/ingest.js';
import type { PublishOptions, PublishSummary } from '../publish/publish.js';
import { ingestCounts } from './ingest.js';
import { acquireLock, siteLock } from './nightly-lock.js';
import { loadConfiguredCatalogue, type Step, siteTarget, snapshotOptions, withDb } from './run.js';

export interface NightlyOptions {
  db: string;
  config: Config;
  /** Snapshot date; default the last complete day (yesterday) in the configured time zone. */
  asOf?: string;
  /** Allow an `asOf` beyond the last event date plus one day. */
  force?: boolean;
  out?: string;
  /** Default `<db>.lock`. */
  lockFile?: string;
  /** Test hook, passed to publish. */
  pauseAt?: PublishOptions['pauseAt'];
  /** false: no survival times, chain funnels or changes (bench/extras.js measures what they cost); default true. */
  extras?: boolean;
}

export interface NightlySummary {
  snapshotDate: string;
  loaded: number;
  skipped: number;
  /** Its `alerts`: the CLI exits with EXIT.alert when any fired (the site is published either way). */
  publish: PublishSummary;
  /** Set when the newest event is older than the freshness bound: the CLI exits with EXIT.stale. */
  stale?: Freshness;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * The nightly's default date: the last complete day in the zone. A 03:15 run labelling today would publish three
 * hours as a whole day, unlike `stats --backfill`'s complete days.
 */
export function lastCompleteDay(now: Date, timezone = 'UTC'): string {
  return addDays(today(now, timezone), -1);
}

/**
 * Runs a step, turning its failure into a message that names the step and says the site in `out` is untouched. A
 * stop asked for (SIGTERM) is honoured before each step.
 */
function stepIn(out: string, effects: Effects): Step {
  return async (name, fn) => {
    try {
      stopPoint(effects);
      return await fn();
    } catch (thrown) {
      const err = whyStopped(effects, thrown);
      throw new UserError(msg.failedAt(name, errorMessage(err)), {
        hint: msg.untouched(out),
        exitCode: err instanceof UserError ? err.exitCode : EXIT.failed,
        cause: err,
      });
    }
  };
}

export async function nightly(opts: NightlyOptions, effects: Effects): Promise<NightlySummary> {
  const { out } = siteTarget(opts.config, opts.out);
  const step = stepIn(out, effects);
  const release = acquireLock(opts.lockFile ?? `${resolve(opts.db)}.lock`, effects);
  // The site's own lock too, for the whole run: a standalone publish must not swap the folder under it.
  let releaseSite = () => {};
  try {
    releaseSite = acquireLock(siteLock(out), effects, { site: out });
    return await withDb(
      opts.db,
      (db) => recordRun(db, 'nightly', effects, (counts) => nightlySteps(db, opts, step, counts, effects)),
      { step },
    );
  } finally {
    releaseSite();
    release();
  }
}

async function nightlySteps(
  db: Db,
  opts: NightlyOptions,
  step: Step,
  counts: RunCounts,
  effects: Effects,
): Promise<NightlySummary> {
  const t0 = performance.now();
  const { config } = opts;
  const { out, title, segments, workers } = siteTarget(config, opts.out);
  const asOf = opts.asOf ?? lastCompleteDay(nowOf(effects), config.timezone);
  if (opts.asOf === undefined) await refuseClockBack(db, asOf);
  // Before anything is loaded (the snapshot step checks it again, for every engine).
  await refuseZoneChange(db, config.timezone ?? 'UTC', asOf, asOf);
  await loadConfiguredCatalogue(db, config, effects, { step, quiet: true });
  let loaded = 0;
  let skipped = 0;
  // A source marked "nightly": false (e.g. a one-off real log kept for exploration) is ingested only by hand.
  const nightlySources = Object.keys(config.sources).filter((name) => config.sources[name]?.nightly !== false);
  for (const source of nightlySources.sort()) {
    const summary = await step(`ingest of source "${source}"`, () =>
      ingest(db, { source, config, cwd: config.root }, effects),
    );
    const c = ingestCounts(summary);
    for (const k of ['files_loaded', 'files_skipped', 'files_failed', 'events_loaded', 'lines_rejected'] as const) {
      counts[k] = (counts[k] ?? 0) + (c[k] ?? 0);
    }
    // A file that cannot be read stops the run: publishing without it would present partial data as complete.
    if (summary.totals.files_failed > 0) {
      const bad = summary.files.filter((f) => f.status === 'failed');
      throw new UserError(msg.sourceFailed(source, bad), {
        hint: msg.sourceFailedHint(out),
        exitCode: EXIT.input,
      });
    }
    loaded += summary.totals.files_loaded + summary.totals.files_replaced;
    skipped += summary.totals.files_skipped;
  }
  faultPoint('nightly-ingested');
  counts.snapshot_date = asOf;
  // The default date is allowed past the data (that is what staleness reports); a date typed by hand is checked.
  const force = opts.force === true || opts.asOf === undefined;
  await step(`snapshot ${asOf}`, () =>
    engineFor(config).computeSnapshots(db, snapshotOptions(config, { asOf, force, extras: opts.extras }), effects),
  );
  counts.snapshots = 1;
  faultPoint('nightly-snapshot');
  const stale = await freshness(db, asOf, config.freshness?.max_age_hours ?? DEFAULT_MAX_AGE_HOURS);
  if (stale) {
    warn(effects, stale.message);
    counts.outcome = 'stale';
    counts.message = stale.message;
  }
  if ((await db.one<{ n: number }>(sqlFile('snapshot/count')))?.n === 1) effects.log(`hint: ${msg.firstSnapshot()}`);
  // Loaded when the publish step starts: the steps before it do not pay for the publisher, copy and notebook reports.
  const [{ startReadCopy }, nb, { publish }] = await Promise.all([
    import('../engine/readcopy.js'),
    import('../notebook/reports.js'),
    import('../publish/publish.js'),
  ]);
  // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts). It is written while
  // the site is built, once publish has read its data (beside a 3-4 GB copy those reads took about half as long
  // again): then the copy waits on the disk, publishing mostly on the CPU.
  let readsDone = () => {};
  let copyStarted = 0;
  const reads = new Promise<void>((r) => {
    readsDone = r;
  }).then(() => {
    copyStarted = performance.now();
  });
  const started = await step('read copy for notebooks', () =>
    startReadCopy(db, undefined, { after: reads, signal: effects.signal }),
  );
  const copy = started.done.then((c) => {
    const what =
      c.mode === 'patched' ? msg.readCopyPatched(mb(c.written), mb(c.bytes)) : msg.readCopyCopied(mb(c.bytes));
    detail(effects, msg.readCopy(c.path, what, Math.round(performance.now() - copyStarted)));
    return c;
  });
  copy.catch(() => {});
  const reports = nb.notebookReportsFromConfig(config, out);
  // Reports inside the site are staged beside it (never inside: a first nightly would find a non-empty folder
  // that is no site yet) and move into the new site before the swap, one atomic step. Reports elsewhere get
  // their own swap. They read the copy, so they start when it is done.
  const inside = reports !== undefined && resolve(reports.out) === join(out, 'notebooks');
  const stageIn = inside ? dirname(out) : undefined;
  const staged = reports
    ? step('read copy for notebooks', () => copy).then(() =>
        step('notebook reports', () => nb.renderNotebookReports({ ...reports, db: opts.db, stageIn }, effects)),
      )
    : undefined;
  staged?.catch(() => {});
  const include = inside && staged ? staged.then((dir) => ({ notebooks: dir })) : {};
  const notice = stale?.notice;
  const publishing = step('publish', () =>
    publish(
      db,
      {
        out,
        asOf,
        title,
        include,
        notice,
        segments,
        workers,
        pauseAt: opts.pauseAt,
        alerts: config.alerts,
        extras: opts.extras,
        loaded: readsDone,
      },
      effects,
    ),
  );
  // A publish that fails before its reads are done must not leave the copy waiting.
  publishing.then(readsDone, readsDone);
  // Nothing may touch the file (the finally below closes it) until the copy is done; the first failure in
  // pipeline order is the one reported.
  const settled = await Promise.allSettled([step('read copy for notebooks', () => copy), staged, publishing]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const published = await publishing;
  if (staged && reports && !inside) await nb.installNotebookReports(await staged, reports.out);
  effects.log(msg.summary(asOf, loaded, skipped, published.files, Math.round(performance.now() - t0)));
  return { snapshotDate: asOf, loaded, skipped, publish: published, ...(stale ? { stale } : {}) };
}

/**
 * A date from the clock before the newest stored snapshot: the clock went back (or a snapshot was stored ahead of it).
 * Published, the live site would go back in time with exit 0; a date typed with --as-of is the operator's choice.
 */
async function refuseClockBack(db: Db, asOf: string): Promise<void> {
  const newest = (await db.one<{ d: string }>(sqlFile('snapshot/newest')))?.d;
  if (newest === undefined || asOf >= newest) return;
  throw new UserError(opsMessages.clockBack(asOf, newest), { hint: opsMessages.clockBackHint(newest) });
}

export interface Freshness {
  data_through: string | null;
  /** Hours from the newest event to the end of the snapshot day. */
  age_hours: number | null;
  max_age_hours: number;
  message: string;
  /** The sentence the report shows. */
  notice: string;
}

/**
 * Whether the snapshot's newest event is more than `bound` hours before the end of its day: a stalled log shipper
 * leaves the nightly publishing old data under a new date. Measured against the day end, not the clock, so the
 * verdict for a date is the same whenever it is computed.
 */
async function freshness(db: Db, date: string, bound: number): Promise<Freshness | undefined> {
  const row = await db.one<{ data_through: string | null; age_hours: number | null }>(sqlFile('snapshot/freshness'), {
    date,
  });
  const through = row?.data_through ?? null;
  const age = row?.age_hours ?? null;
  if (through !== null && age !== null && age <= bound) return undefined;
  const none = through === null || age === null;
  const message = none ? msg.noEvents(date) : msg.stale(date, through, age, bound);
  const notice = none ? msg.noEvents(date) : msg.staleNotice(date, through, age);
  return { data_through: through, age_hours: age, max_age_hours: bound, message, notice };
}
