// The `runs` table: every job that writes the database records its start, end, outcome and counts, so `questlog
// status` and `questlog runs` can say when the last ingest, snapshot, publish or nightly ran and how it ended.
import { resolve } from 'node:path';
import { sqlTimestamp } from '../domain/dates.js';
import { type Effects, nowOf } from '../domain/effects.js';
import { errorMessage, UserError } from '../domain/errors.js';
import { whyStopped } from '../domain/interrupt.js';
import { EXIT } from '../domain/messages.js';
import { opsMessages } from '../domain/ops-messages.js';
import { type Db, sqlFile } from './db.js';

type RunOutcome = 'running' | 'ok' | 'stale' | 'failed' | 'interrupted';

/** What a run did; a job fills in what applies as it goes, so a failed run still records how far it got. */
export interface RunCounts {
  files_loaded?: number;
  files_skipped?: number;
  files_failed?: number;
  events_loaded?: number;
  lines_rejected?: number;
  snapshots?: number;
  snapshot_date?: string;
  /** Why a run failed, or what to know about one that ended (e.g. stale data). */
  message?: string;
  /** Set by a job that ends without an error but not ok (the nightly's stale data). */
  outcome?: Exclude<RunOutcome, 'running' | 'failed' | 'interrupted'>;
}

export interface RunRow {
  run_id: number;
  job: string;
  started_at: string;
  ended_at: string | null;
  outcome: RunOutcome;
  exit_code: number | null;
  ms: number | null;
  files_loaded: number | null;
  files_skipped: number | null;
  files_failed: number | null;
  events_loaded: number | null;
  lines_rejected: number | null;
  snapshots: number | null;
  snapshot_date: string | null;
  message: string | null;
}

export const RUN_FIELDS: (keyof RunRow)[] = [
  'run_id',
  'job',
  'started_at',
  'ended_at',
  'outcome',
  'exit_code',
  'ms',
  'files_loaded',
  'files_skipped',
  'files_failed',
  'events_loaded',
  'lines_rejected',
  'snapshots',
  'snapshot_date',
  'message',
];

/** The exit code an error ends the CLI with (the same mapping as the CLI's). */
function exitCodeOf(err: unknown): number {
  return err instanceof UserError ? err.exitCode : EXIT.internal;
}

/**
 * Runs `fn` as a recorded job: a row with outcome 'running' first (committed, so a killed process leaves it
 * visible), then its end. Recording never hides the job's own error.
 */
export async function recordRun<T>(
  db: Db,
  job: string,
  effects: Effects,
  fn: (counts: RunCounts) => Promise<T>,
): Promise<T> {
  // A run that never recorded its end (killed, or its connection lost to a full disk) stayed 'running' for good.
  const file = resolve(db.path);
  const mine = [...running].filter((k) => k.startsWith(`${file}#`)).map((k) => k.slice(file.length + 1));
  await db.run(sqlFile('runs/close_lost'), { mine: mine.join(','), message: opsMessages.runLost });
  const started = await db.one<{ run_id: number }>(sqlFile('runs/start'), {
    job,
    started_at: sqlTimestamp(nowOf(effects)),
  });
  const key = `${file}#${started?.run_id ?? 0}`;
  running.add(key);
  try {
    return await recorded(db, started?.run_id ?? 0, effects, fn);
  } finally {
    running.delete(key);
  }
}

/** This process's runs under way, by database and run id: a nested or concurrent run must not close them as lost. */
const running = new Set<string>();

async function recorded<T>(db: Db, runId: number, effects: Effects, fn: (counts: RunCounts) => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const counts: RunCounts = {};
  const finish = async (outcome: RunOutcome, exitCode: number) => {
    await db.run(sqlFile('runs/finish'), {
      run_id: runId,
      ended_at: sqlTimestamp(nowOf(effects)),
      outcome,
      exit_code: exitCode,
      ms: Math.round(performance.now() - t0),
      files_loaded: counts.files_loaded ?? null,
      files_skipped: counts.files_skipped ?? null,
      files_failed: counts.files_failed ?? null,
      events_loaded: counts.events_loaded ?? null,
      lines_rejected: counts.lines_rejected ?? null,
      snapshots: counts.snapshots ?? null,
      snapshot_date: counts.snapshot_date ?? null,
      message: counts.message ?? null,
    });
  };
  let result: T;
  try {
    result = await fn(counts);
  } catch (thrown) {
    // A run a signal stopped (SIGTERM, Ctrl-C) is 'interrupted', with the signal in its message.
    const err = whyStopped(effects, thrown);
    counts.message = errorMessage(err);
    await finish(effects.signal?.aborted ? 'interrupted' : 'failed', exitCodeOf(err)).catch(() => {});
    throw err;
  }
  const outcome = counts.outcome ?? 'ok';
  await finish(outcome, outcome === 'stale' ? EXIT.stale : EXIT.ok);
  return result;
}

/** Recorded runs, newest first; `latest`: each job's last run, by job name. */
export async function listRuns(db: Db, opts: { job?: string; limit?: number; latest?: boolean } = {}) {
  return db.all<RunRow>(sqlFile('runs/list'), {
    job: opts.job ?? null,
    limit: opts.limit ?? 20,
    latest: opts.latest ?? false,
  });
}
