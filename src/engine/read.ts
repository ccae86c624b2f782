// Readers of stored snapshots: what publish, notebooks and the CLI show.
import { listValue } from '@duckdb/node-api';
import { checkDate } from '../domain/dates.js';
import { UserError } from '../domain/errors.js';
import { statsMessages } from '../domain/messages.js';
import type { Coverage, HistogramBin, HistoryMonth, QuestStats, Snapshot, SnapshotMeta } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';
import { type Scope, stateScope } from './state.js';

/** A stored snapshot (latest when `date` is omitted). */
export async function getSnapshot(db: Db, date?: string): Promise<Snapshot> {
  const run = await findRun(db, date);
  const quests = await db.all<QuestStats>(sqlFile('read/quest_stats'), { date: run.snapshot_date, quest: null });
  const { snapshot_date, computed_at, players, events, data_through } = run;
  return { meta: { snapshot_date, computed_at, players, events, data_through }, quests };
}

/** Every stored snapshot's figures for one quest (or all), ordered by quest then date. */
export async function getHistory(db: Db, questId?: string): Promise<QuestStats[]> {
  return db.all<QuestStats>(sqlFile('read/quest_stats'), { date: null, quest: questId ?? null });
}

/** The figures of the latest `days` snapshot dates up to `date`, all quests, ordered by quest then date. */
export async function getHistoryWindow(db: Db, date: string, days: number): Promise<QuestStats[]> {
  return db.all<QuestStats>(sqlFile('read/history_window'), { date, days });
}

/** Each calendar month of stored snapshots up to `date`, with a version that changes when any of its dates does. */
export async function getHistoryMonths(db: Db, date: string): Promise<HistoryMonth[]> {
  return db.all<HistoryMonth>(sqlFile('read/history_months'), { date });
}

/**
 * The months each quest has snapshot rows in, up to `date`, oldest first; quests with the same months share one array
 * (most quests have every month, so pages and month files work per distinct list, not per quest and month).
 */
export async function getQuestMonths(db: Db, date: string): Promise<{ quest_id: string; months: string[] }[]> {
  const rows = await db.all<{ quest_id: string; months: string | null }>(sqlFile('read/quest_months'), { date });
  const gaps = rows.filter((r) => r.months === null).map((r) => r.quest_id);
  const exact = new Map<string, string>();
  if (gaps.length > 0) {
    const found = await db.all<{ quest_id: string; months: string }>(sqlFile('read/quest_months_exact'), {
      date,
      quests: listValue(gaps),
    });
    for (const r of found) exact.set(r.quest_id, r.months);
  }
  const lists = new Map<string, string[]>();
  return rows.map(({ quest_id, months }) => {
    const key = months ?? exact.get(quest_id) ?? '';
    const list = lists.get(key) ?? (key === '' ? [] : key.split(','));
    lists.set(key, list);
    return { quest_id, months: list };
  });
}

/** One month's figures ('YYYY-MM') up to `date`, all quests, ordered by quest then date. */
export async function getHistoryMonth(db: Db, month: string, date: string): Promise<QuestStats[]> {
  return db.all<QuestStats>(sqlFile('read/history_month'), { month, date });
}

/** Coverage at a stored snapshot's day end (latest snapshot when `date` is omitted; all events when none exists). */
export async function getCoverage(db: Db, date?: string): Promise<Coverage> {
  const end = date === undefined && !(await hasRuns(db)) ? null : (await findRun(db, date)).day_end;
  const scope: Scope | undefined = await stateScope(db);
  // quest_first holds the files the state has seen; after an ingest with no refresh yet, only the events know.
  const fresh = scope !== undefined && scope.latest === scope.through && scope.files_kept === scope.files_then;
  const rows = await db.all<{ kind: string; quest_id: string }>(sqlFile('read/coverage'), { end, fresh });
  const rejected = await db.one<{ n: number }>(sqlFile('read/rejected_lines'));
  return {
    unknown_ids: rows.filter((r) => r.kind === 'unknown').map((r) => r.quest_id),
    never_seen: rows.filter((r) => r.kind === 'never_seen').map((r) => r.quest_id),
    rejected_lines: rejected?.n ?? 0,
  };
}

/** Bins of the completion-time histograms pages and notebooks show, and the ClickHouse engine stores. */
export const HISTOGRAM_BINS = 10;

/**
 * Completion-time histogram per quest for a snapshot date, binned in SQL: `bins` equal-width bins per quest from its
 * fastest to its slowest completion (all bins listed, empty ones with 0 players). Completions without an acceptance
 * have no time and are not in it.
 */
export async function getCompletionHistogram(db: Db, date?: string, bins = HISTOGRAM_BINS): Promise<HistogramBin[]> {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
    throw new UserError(statsMessages.badBins(bins));
  }
  const run = await findRun(db, date);
  // An engine that keeps no local quest state (ClickHouse) stores the histogram with the snapshot.
  const stored = await db.one<{ n: number }>(sqlFile('read/stored_histogram_count'), {
    date: run.snapshot_date,
    bins,
  });
  if (stored?.n) return db.all<HistogramBin>(sqlFile('read/stored_histogram'), { date: run.snapshot_date, bins });
  return db.all<HistogramBin>(sqlFile('read/completion_histogram'), { end: run.day_end, bins });
}

interface RunRow extends SnapshotMeta {
  day_end: string;
  timezone: string;
}

async function findRun(db: Db, date?: string): Promise<RunRow> {
  if (date !== undefined) checkDate(date);
  const run = await db.one<RunRow>(sqlFile('snapshot/run'), { date: date ?? null });
  if (!run) throw noSnapshotError(date);
  return run;
}

/** No snapshot stored (for `date`, or at all), with the next step for the CLI and for every other caller. */
export function noSnapshotError(date?: string): UserError {
  return new UserError(statsMessages.noSnapshot(date), {
    cli: ['statsFor', date],
    hint: statsMessages.noSnapshotHint(date),
  });
}

async function hasRuns(db: Db): Promise<boolean> {
  return ((await db.one<{ n: number }>(sqlFile('snapshot/count')))?.n ?? 0) > 0;
}
