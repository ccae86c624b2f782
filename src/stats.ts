// CONTRACT (being implemented by the stats work): signatures and row shapes that publish and notebooks code against.
import type { Db } from './db.js';
import type { Effects } from './effects.js';
import { InternalError } from './errors.js';

/** One quest's figures in one snapshot: a row of the `snapshots` table joined with the catalogue. */
export interface QuestStats {
  snapshot_date: string; // 'YYYY-MM-DD'
  quest_id: string;
  name: string; // catalogue name, else the id
  chain: string | null;
  sort_order: number | null;
  in_catalogue: boolean;
  players: number;
  accepted: number; // in progress
  declined: number;
  completed: number;
  abandoned: number;
  failed: number;
  not_encountered: number; // players - all the others
  completion_rate: number | null; // completed / players, null when no players
  mean_seconds: number | null;
  min_seconds: number | null;
  max_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
  mean_attempts: number | null; // over completers
  anomalies: number; // completions without an acceptance
}

export interface SnapshotMeta {
  snapshot_date: string;
  computed_at: string; // 'YYYY-MM-DD HH:MM:SS' UTC
  players: number;
  events: number;
  data_through: string | null; // latest event time included
}

export interface Snapshot {
  meta: SnapshotMeta;
  quests: QuestStats[]; // ordered by sort_order NULLS LAST, quest_id
}

export interface Coverage {
  unknown_ids: string[]; // quest ids seen in logs, not in the catalogue (empty when there is no catalogue)
  never_seen: string[]; // catalogue ids nobody has met
  rejected_lines: number;
}

export interface HistogramBin {
  quest_id: string;
  bin_start: number; // seconds
  bin_end: number;
  players: number;
}

export interface StatsOptions {
  /** Snapshot date 'YYYY-MM-DD'; default: the last day with data (or today for the nightly). */
  asOf?: string;
  /** One snapshot per day of the data's range. */
  backfill?: boolean;
  /** IANA zone that defines a day's end; default UTC. */
  timezone?: string;
}

const todo = (): never => {
  throw new InternalError('not implemented yet');
};

/** Recomputes quest_state for dirty players only; returns counts. */
export async function refreshState(_db: Db, _effects: Effects): Promise<{ players: number; rows: number }> {
  return todo();
}

/** Refreshes state, then computes and stores the snapshot(s); returns the dates written. */
export async function computeSnapshots(_db: Db, _opts: StatsOptions, _effects: Effects): Promise<string[]> {
  return todo();
}

/** A stored snapshot (latest when `date` is omitted). */
export async function getSnapshot(_db: Db, _date?: string): Promise<Snapshot> {
  return todo();
}

/** Every stored snapshot's figures for one quest (or all), ordered by quest then date. */
export async function getHistory(_db: Db, _questId?: string): Promise<QuestStats[]> {
  return todo();
}

export async function getCoverage(_db: Db, _date?: string): Promise<Coverage> {
  return todo();
}

/** Completion-time histogram per quest for a snapshot date, binned in SQL. */
export async function getCompletionHistogram(_db: Db, _date?: string, _bins?: number): Promise<HistogramBin[]> {
  return todo();
}
