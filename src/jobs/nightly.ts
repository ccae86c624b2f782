// The cron job: ingest every configured source -> snapshot for today -> publish, under a lock file.
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { today } from '../domain/dates.js';
import { type Effects, nowOf } from '../domain/effects.js';
import { errorMessage, UserError } from '../domain/errors.js';
import { EXIT, nightlyMessages as msg } from '../domain/messages.js';
import { engineFor } from '../engine/engine.js';
import { startReadCopy } from '../engine/readcopy.js';
import { ingest } from '../ingest/ingest.js';
import { installNotebookReports, notebookReportsFromConfig, renderNotebookReports } from '../notebook/reports.js';
import { type PublishOptions, type PublishSummary, publish } from '../publish/publish.js';
import { alive } from '../publish/site-files.js';
import { loadConfiguredCatalogue, type Step, siteTarget, snapshotOptions, withDb } from './run.js';

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
function acquireLock(path: string, effects: Effects): () => void {
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
        throw new UserError(msg.running(held.pid, held.started), {
          hint: msg.runningHint(path),
          exitCode: EXIT.locked,
        });
      }
      effects.log(msg.staleLock(path, held?.pid));
      rmSync(path, { force: true });
    }
  }
  throw new UserError(msg.noLock(path), { exitCode: EXIT.locked });
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

/** Runs a step, turning its failure into a message that names the step and says the site in `out` is untouched. */
function stepIn(out: string): Step {
  return async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      throw new UserError(msg.failedAt(name, errorMessage(err)), {
        hint: msg.untouched(out),
        exitCode: err instanceof UserError ? err.exitCode : EXIT.failed,
        cause: err,
      });
    }
  };
}

export async function nightly(opts: NightlyOptions, effects: Effects): Promise<NightlySummary> {
  const { config } = opts;
  const { out, title, segments } = siteTarget(config, opts.out);
  const step = stepIn(out);
  const release = acquireLock(opts.lockFile ?? `${resolve(opts.db)}.lock`, effects);
  try {
    return await withDb(
      opts.db,
      async (db) => {
        await loadConfiguredCatalogue(db, config, effects, { step, quiet: true });
        let loaded = 0;
        let skipped = 0;
        // A source marked "nightly": false (e.g. a one-off real log kept for exploration) is ingested only by hand.
        const nightlySources = Object.keys(config.sources).filter((name) => config.sources[name]?.nightly !== false);
        for (const source of nightlySources.sort()) {
          const summary = await step(`ingest of source "${source}"`, () =>
            ingest(db, { source, config, cwd: config.root }, effects),
          );
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
        const asOf = opts.asOf ?? today(nowOf(effects), config.timezone);
        await step(`snapshot ${asOf}`, () =>
          engineFor(config).computeSnapshots(db, snapshotOptions(config, { asOf }), effects),
        );
        // Notebooks read this copy, never the live file this process holds (src/engine/readcopy.ts). It is written while the
        // site is built: the copy waits on the disk, publishing mostly on the CPU.
        const copyStarted = performance.now();
        const copy = (await step('read copy for notebooks', () => startReadCopy(db))).done.then((c) => {
          const what = c.mode === 'patched' ? `${mb(c.written)} of ${mb(c.bytes)} rewritten` : `${mb(c.bytes)} copied`;
          effects.log(msg.readCopy(c.path, what, Math.round(performance.now() - copyStarted)));
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
          ? step('read copy for notebooks', () => copy).then(() =>
              step('notebook reports', () => renderNotebookReports({ ...reports, db: opts.db, stageIn }, effects)),
            )
          : undefined;
        staged?.catch(() => {});
        const include = inside && staged ? staged.then((dir) => ({ notebooks: dir })) : {};
        const publishing = step('publish', () =>
          publish(db, { out, asOf, title, include, segments, pauseAt: opts.pauseAt }, effects),
        );
        // Nothing may touch the file (the finally below closes it) until the copy is done; the first failure in
        // pipeline order is the one reported.
        const settled = await Promise.allSettled([step('read copy for notebooks', () => copy), staged, publishing]);
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
        const published = await publishing;
        if (staged && reports && !inside) await installNotebookReports(await staged, reports.out);
        return { snapshotDate: asOf, loaded, skipped, publish: published };
      },
      { step },
    );
  } finally {
    release();
  }
}
