// The shapes every room shares: a quest's figures in a snapshot, a snapshot, coverage. Engines produce them,
// publish, notebooks and the CLI read them.

/**
 * A quest's rates, each with its 95% Wilson interval (_low, _high) and null when the denominator is 0, and its
 * completion times: the figures a snapshot row and a segment row both carry, written once.
 */
interface QuestRates {
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
}

/** One quest's figures in one snapshot: a row of the `snapshots` table joined with the catalogue. */
export interface QuestStats extends QuestRates {
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

/** A calendar month of stored snapshots: `version` changes whenever one of its dates is (re)computed. */
export interface HistoryMonth {
  month: string; // 'YYYY-MM'
  version: string;
  dates: number;
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
  /** Most days one backfill computes (config `limits.backfill_days`); more is an error, not hours of work. */
  maxBackfillDays?: number;
  /** Store an `asOf` later than the last event date plus one day (refused otherwise: a typo'd future date). */
  force?: boolean;
  /** false: no survival times or chain funnels (bench/extras.js measures what they cost); default true. */
  extras?: boolean;
  /** The extra segment dimensions to compute beside the built-in ones (the config's, src/config-dimensions.ts). */
  dimensions?: readonly string[];
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

/** One quest's Kaplan–Meier time to complete in one snapshot (README "Survival times"); null where the curve or its
 * band never falls to the level. */
export interface SurvivalStats {
  snapshot_date: string;
  quest_id: string;
  at_risk: number; // attempts in the estimate: completions with a time + censored attempts
  censored: number; // in progress at the day end, or abandoned/failed
  survival_median_seconds: number | null;
  survival_median_low_seconds: number | null; // 95% interval of the median (log-log Greenwood band)
  survival_median_high_seconds: number | null;
  survival_p90_seconds: number | null;
  /** Published copies only: under the privacy floor, counts and times null (src/publish/privacy-site.ts). */
  suppressed?: boolean;
}

/** A point of a quest's survival curve (thinned: see src/sql/survival/survival_curve.sql). */
export interface SurvivalPoint {
  quest_id: string;
  seconds: number;
  surviving: number; // share not yet completed after `seconds`
  surviving_low: number;
  surviving_high: number;
}

/** One step of a chain funnel in one snapshot (README "Chain funnels"). */
export interface ChainStep {
  snapshot_date: string;
  chain: string;
  step: number; // 1-based, in catalogue order
  quest_id: string;
  name: string;
  players: number;
  reached: number;
  completed: number;
  dropped: number | null; // completed the previous step, never met this one; null for step 1
  median_gap_seconds: number | null;
  conversion_rate: number | null; // completed / reached
  conversion_rate_low: number | null;
  conversion_rate_high: number | null;
  /** Published copies only: reached by 1 to K-1 players, counts and gap null (src/publish/privacy-site.ts). */
  suppressed?: boolean;
}

/** One quest of a snapshot against the previous stored one (README "What changed"); `_before` null when the quest
 * is new. Conversion (completed / players who met the quest), not completion rate, is compared. Significance:
 * two-proportion z for conversion (`ql_rate_moved`), non-overlapping 95% intervals for the survival median. */
export interface QuestChange {
  quest_id: string;
  name: string;
  chain: string | null;
  players: number;
  players_before: number | null;
  players_change: number | null;
  encountered: number | null; // players who met the quest: conversion's denominator (null: under the floor)
  encountered_before: number | null;
  conversion_rate: number | null;
  conversion_rate_low: number | null;
  conversion_rate_high: number | null;
  conversion_rate_before: number | null;
  conversion_rate_low_before: number | null;
  conversion_rate_high_before: number | null;
  conversion_rate_change: number | null;
  conversion_rate_z: number | null;
  conversion_rate_significant: boolean;
  median_seconds: number | null;
  median_seconds_before: number | null;
  median_seconds_change: number | null; // completers only: shown, never called significant
  survival_median_seconds: number | null;
  survival_median_low_seconds: number | null;
  survival_median_high_seconds: number | null;
  survival_median_seconds_before: number | null;
  survival_median_low_seconds_before: number | null;
  survival_median_high_seconds_before: number | null;
  survival_median_seconds_change: number | null;
  survival_median_significant: boolean;
  /** Published copies only: some figure is null under the privacy floor (src/publish/privacy-site.ts). */
  suppressed?: boolean;
}

/** One quest x segment value against the previous snapshot: QuestChange's figures but survival (estimated per quest
 * only), with the value's `dimension` and `value`. */
export type SegmentChange = Omit<QuestChange, 'chain' | `survival_${string}` | 'suppressed'> & {
  dimension: string;
  value: string;
};

export interface Changes {
  snapshot_date: string;
  previous_date: string | null; // null: no earlier snapshot stored, nothing to compare
  quests: QuestChange[];
}

/** The metrics a change can be judged on (and an alert set on). */
export const CHANGE_METRICS = ['conversion_rate', 'survival_median_seconds'] as const;
type ChangeMetric = (typeof CHANGE_METRICS)[number];

/** A significant movement of one quest's metric. */
export interface Mover {
  quest_id: string;
  name: string;
  metric: ChangeMetric;
  before: number;
  after: number;
  change: number; // after - before
  relative_change: number | null; // change / before; null when before is 0
  worse: boolean; // conversion down, or time to complete up
  /** A segment value's mover (conversion only): its dimension and value; absent on a quest's own. */
  dimension?: string;
  value?: string;
  /** The 95% intervals of `after` and `before` (null where a bound does not exist: an unbounded survival median). */
  low: number | null;
  high: number | null;
  low_before: number | null;
  high_before: number | null;
}

/** An alert rule from config `alerts` (README "Alerts"). */
export interface AlertRule {
  metric: ChangeMetric;
  direction: 'up' | 'down' | 'any';
  /** Smallest change that fires: absolute for rates (0.05 = 5 points), relative for times (0.2 = 20% slower). */
  min_change: number;
  /** 'any quest' or one quest id; 'any segment' or 'any <dimension>' for segment values (conversion only). */
  scope: string;
}

export interface FiredAlert {
  rule: AlertRule;
  mover: Mover;
}

/** What a site, the digest and `questlog changes` show: the latest comparison, earlier ones, the alerts it fired. */
export interface ChangesData {
  latest: Changes;
  /** Each earlier stored snapshot against the one before it, newest first (movers only). */
  history: { snapshot_date: string; previous_date: string | null; movers: Mover[] }[];
  movers: Mover[];
  /** The latest comparison's significant segment values (the dimensions asked for), worst first. */
  segmentMovers?: Mover[];
  alerts: FiredAlert[];
}
/** The five states a player can be in with a quest, in the tie-break order used for events at the same instant. */
export const STATUSES = ['accepted', 'declined', 'completed', 'abandoned', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

/** The built-in dimensions every snapshot computes; the extra ones come from the config (src/config-dimensions.ts). */
export const DIMENSIONS = ['build', 'platform', 'cohort'] as const;

/**
 * One quest's figures for one value of a dimension (or overall: dimension and value null) in one snapshot, with each
 * rate's 95% Wilson interval. Published rows under the privacy floor carry nulls and `suppressed` (src/publish/privacy.ts).
 */
export interface SegmentRow extends QuestRates {
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
  anomalies: number | null;
  /** Under the privacy floor (or hidden so that it cannot be recovered from the others): every figure null. */
  suppressed?: boolean;
  /** Fewer completers than the floor: the completion-time figures are null. */
  times_suppressed?: boolean;
}

/** What ingest counts per file and, summed, per run (results, and the lines that report them). */
export interface IngestCounts {
  lines_read: number;
  loaded: number;
  rejected: number;
  ignored: number;
  /** Exact duplicate events inside the file (loaded; state counts them once). */
  duplicates: number;
  /** Bytes of the file(s) actually read (a run's: loaded or replaced). */
  bytes: number;
  ms: number;
}
