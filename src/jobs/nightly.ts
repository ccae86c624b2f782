// The cron job: ingest every configured source -> snapshot for today -> publish, under a lock file.
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Config, configPath } from '../config.js';
import { type Effects, nowOf } from '../domain/effects.js';
import { errorMessage, UserError } from '../domain/errors.js';
import { Db } from '../engine/db.js';
import { engineFor } from '../engine/engine.js';
import { migrate } from '../engine/migrate.js';
import { startReadCopy } from '../engine/readcopy.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { ingest } from '../ingest/ingest.js';
import { installNotebookReports, notebookReportsFromConfig, renderNotebookReports } from '../notebook/run.js';
import { alive, type PublishOptions, type PublishSummary, publish, resolveOut } from '../publish/publish.js';
import { segmentOptions } from '../publish/segments.js';

export interface NightlyOptions {
  db: string;
  config: Config;
  /** Snapshot date; default today in the configured time zone. */
  asOf?: string;
  out?: string;
  /** Default `<db>.lock`. */
  lockFile?: string;
  /** Test hook, passed to publish. */
  pauseAt?: PublishOptions['pauseAt'];
}

export interface NightlySummary {
  snapshotDate: string;
  loaded: number;
  skipped: number;
  publish: PublishSummary;
}

interface LockInfo {
  pid: number;
  started: string;
}

/** Creates the lock with O_EXCL; a lock whose process is gone is stale and taken over. */
export function acquireLock(path: string, effects: Effects): () => void {
  const mine: LockInfo = { pid: process.pid, started: nowOf(effects).toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock is removed: a stale-lock takeover by another run must not be undone by us.
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(path);
      if (held && alive(held.pid)) {
        throw new UserError(`another nightly is running (pid ${held.pid}, started ${held.started}); not starting`, {
          hint: `wait for it to finish; if no questlog runs, delete ${path}`,
          exitCode: 75,
        });
      }
      effects.log(`nightly: removing stale lock ${path}${held ? ` of pid ${held.pid} (no longer running)` : ''}`);
      rmSync(path, { force: true });
    }
  }
  throw new UserError(`could not take the lock ${path}`, { exitCode: 75 });
}

function readLock(path: string): LockInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    // Half-written by a process killed between create and write: nobody holds it.
    return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Today's date in an IANA zone, 'YYYY-MM-DD'. */
export function today(now: Date, timezone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
}

/** Runs one step, turning its failure into a message that names the step and says the site is untouched. */
async function step<T>(name: string, out: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new UserError(`nightly failed at ${name}: ${errorMessage(err)}`, {
      hint: `nothing was published; the last good site in ${out} is unchanged`,
      exitCode: err instanceof UserError ? err.exitCode : 1,
      cause: err,
    });
  }
}

export async function nightly(opts: NightlyOptions, effects: Effects): Promise<NightlySummary> {
  const { config } = opts;
  const out = resolveOut(config, opts.out);
  const release = acquireLock(opts.lockFile ?? `${resolve(opts.db)}.lock`, effects);
  try {
    const db = await step('opening the database', out, () => Db.open(opts.db));
    try {
      await step('migrating the database', out, () => migrate(db));
      if (config.catalogue) {
        const file = configPath(config, config.catalogue);
        await step(`catalogue ${config.catalogue}`, out, () => loadCatalogue(db, file));
      }
      let loaded = 0;
      let skipped = 0;
      // A source marked "nightly": false (e.g. a one-off real log kept for exploration) is ingested only by hand.
      const nightlySources = Object.keys(config.sources).filter((name) => config.sources[name]?.nightly !== false);
      for (const source of nightlySources.sort()) {
        const summary = await step(`ingest of source "${source}"`, out, () =>
          ingest(db, { source, config, cwd: config.root }, effects),
        );
        // A file that cannot be read stops the run: publishing without it would present partial data as complete.
        if (summary.totals.files_failed > 0) {
          const bad = summary.files.filter((f) => f.status === 'failed').map((f) => `${f.path}: ${f.error}`);
          throw new UserError(`nightly failed at ingest of source "${source}": ${bad.join('; ')}`, {
            hint: `fix or remove the file(s); nothing was published, the last good site in ${out} is unchanged`,
            exitCode: 3,
          });
        }
        loaded += summary.totals.files_loaded + summary.totals.files_replaced;
        skipped += summary.totals.files_skipped;
      }
      const asOf = opts.asOf ?? today(nowOf(effects), config.timezone);
      const roster = config.roster ? configPath(config, config.roster) : undefined;
      await step(`snapshot ${asOf}`, out, () =>
        engineFor(config).computeSnapshots(db, { asOf, timezone: config.timezone, roster }, effects),
      );
      // Notebooks read this copy, never the live file this process holds (src/readcopy.ts). It is written while the
      // site is built: the copy waits on the disk, publishing mostly on the CPU.
      const copyStarted = performance.now();
      const copy = (await step('read copy for notebooks', out, () => startReadCopy(db))).done.then((c) => {
        const what = c.mode === 'patched' ? `${mb(c.written)} of ${mb(c.bytes)} rewritten` : `${mb(c.bytes)} copied`;
        effects.log(`nightly: read copy ${c.path} (${what}) in ${Math.round(performance.now() - copyStarted)} ms`);
        return c;
      });
      copy.catch(() => {});
      const reports = notebookReportsFromConfig(config, out);
      // Reports inside the site are staged beside it (never inside: a first nightly would find a non-empty folder
      // that is no site yet) and move into the new site before the swap, one atomic step. Reports elsewhere get
      // their own swap. They read the copy, so they start when it is done.
      const inside = reports !== undefined && resolve(reports.out) === join(out, 'notebooks');
      const stageIn = inside ? dirname(out) : undefined;
      const staged = reports
        ? step('read copy for notebooks', out, () => copy).then(() =>
            step('notebook reports', out, () => renderNotebookReports({ ...reports, db: opts.db, stageIn }, effects)),
          )
        : undefined;
      staged?.catch(() => {});
      const include = inside && staged ? staged.then((dir) => ({ notebooks: dir })) : {};
      const title = typeof config.reports?.title === 'string' ? config.reports.title : undefined;
      const publishing = step('publish', out, () =>
        publish(db, { out, asOf, title, include, segments: segmentOptions(config), pauseAt: opts.pauseAt }, effects),
      );
      // Nothing may touch the file (the finally below closes it) until the copy is done; the first failure in
      // pipeline order is the one reported.
      const settled = await Promise.allSettled([step('read copy for notebooks', out, () => copy), staged, publishing]);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const published = await publishing;
      if (staged && reports && !inside) installNotebookReports(await staged, reports.out);
      return { snapshotDate: asOf, loaded, skipped, publish: published };
    } finally {
      db.close();
    }
  } finally {
    release();
  }
}
