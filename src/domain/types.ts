// The shapes every room shares: a quest's figures in a snapshot, a snapshot, coverage. Engines produce them,
// publish, notebooks and the CLI read them.

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
  // Rates, each with its 95% Wilson interval (_low, _high); null when the denominator is 0.
  completion_rate: number | null; // completed / players: mostly how far into the story the quest sits
  completion_rate_low: number | null;
  completion_rate_high: number | null;
  reach_rate: number | null; // encountered / players (encountered = players - not_encountered)
  reach_rate_low: number | null;
  reach_rate_high: number | null;
  conversion_rate: number | null; // completed / encountered: how those who met it fare; what ranks quests
  conversion_rate_low: number | null;
  conversion_rate_high: number | null;
  mean_seconds: number | null;
  min_seconds: number | null;
  max_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
  mean_attempts: number | null; // over completers
  anomalies: number; // completions without an acceptance
  /** Published copies only (src/publish/privacy.ts): under the privacy floor, every figure null. */
  suppressed?: true;
  /** Published copies only: fewer completers than the floor, completion times null. */
  times_suppressed?: true;
}

export interface SnapshotMeta {
  snapshot_date: string;
  computed_at: string; // 'YYYY-MM-DD HH:MM:SS' UTC
  players: number;
  events: number; // loaded event rows before the day end (exact duplicates included; the state counts them once)
  data_through: string | null; // latest event time included
}

export interface Snapshot {
  meta: SnapshotMeta;
  quests: QuestStats[]; // ordered by sort_order NULLS LAST, numeric ids numerically, quest_id
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
  /** One snapshot per day of the data's range (up to asOf when given). */
  backfill?: boolean;
  /** IANA zone that defines a day's end; default UTC. */
  timezone?: string;
  /** CSV with a player_id column: when set, exactly these players are counted, on every day. */
  roster?: string;
}

/** What refreshState did. */
export interface StateRefresh {
  /** Players whose state changed. */
  players: number;
  /** Of those, players recomputed from all their events (first build, late or removed events); the rest continued. */
  recomputed: number;
  /** State intervals computed. */
  rows: number;
}

/** The five states a player can be in with a quest, in the tie-break order used for events at the same instant. */
export const STATUSES = ['accepted', 'declined', 'completed', 'abandoned', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

/** Every dimension questlog computes per snapshot; config `segments` picks the published ones. */
export const DIMENSIONS = ['build', 'platform', 'cohort'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * One quest's figures for one value of a dimension (or overall: dimension and value null) in one snapshot, with each
 * rate's 95% Wilson interval. Published rows under the privacy floor carry nulls and `suppressed` (src/publish/privacy.ts).
 */
export interface SegmentRow {
  snapshot_date: string;
  quest_id: string;
  name: string;
  dimension: string | null;
  value: string | null;
  players: number | null;
  accepted: number | null;
  declined: number | null;
  completed: number | null;
  abandoned: number | null;
  failed: number | null;
  not_encountered: number | null;
  encountered: number | null; // players - not_encountered
  completion_rate: number | null;
  completion_rate_low: number | null;
  completion_rate_high: number | null;
  reach_rate: number | null;
  reach_rate_low: number | null;
  reach_rate_high: number | null;
  conversion_rate: number | null;
  conversion_rate_low: number | null;
  conversion_rate_high: number | null;
  mean_seconds: number | null;
  min_seconds: number | null;
  max_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
  mean_attempts: number | null;
  anomalies: number | null;
  /** Under the privacy floor (or hidden so that it cannot be recovered from the others): every figure null. */
  suppressed?: boolean;
  /** Fewer completers than the floor: the completion-time figures are null. */
  times_suppressed?: boolean;
}
