// The static JSON API (reports/api/v1/): pure functions from typed statistics to documents and their file paths.
import { API_DIR } from '../defaults.js';
import type {
  ChainStep,
  ChangesData,
  Coverage,
  HistogramBin,
  HistoryMonth,
  QuestStats,
  Snapshot,
  SurvivalPoint,
  SurvivalStats,
} from '../domain/types.js';
import { fileIdOf } from './file-ids.js';
import { isoDuration, round } from './json.js';
import { withFlags } from './privacy.js';
import { questSegments, type SiteSegments } from './segment-figures.js';
import { survivalOf } from './survival-api.js';

/** Bumped when a field changes meaning or disappears; adding fields keeps it. */
export const API_SCHEMA_VERSION = 1;
export { API_DIR };

/** Everything one published site is made of; loaded from the database once, then rendered without it. */
export interface SiteData {
  title: string;
  generatedAt: string; // ISO 8601 UTC
  snapshot: Snapshot;
  coverage: Coverage;
  /**
   * The figures of the latest snapshot dates (at least HISTORY_WINDOW of them, when stored), all quests, ordered by
   * quest then date.
   */
  history: QuestStats[];
  histogram: HistogramBin[];
  /** Per-value figures of the published dimensions, privacy floor applied (src/publish/segments.ts). */
  segments?: SiteSegments;
  /** Shown at the top of every page when set (stale data). */
  notice?: string;
  /** The full history, by month; absent when `history` holds all of it (hand-built sites). */
  months?: MonthSource;
  /** Survival figures and thinned curves of the snapshot (issue 15); absent in sites built without them. */
  survival?: SurvivalStats[];
  survivalCurve?: SurvivalPoint[];
  chains?: ChainStep[];
  changes?: ChangesData;
}

/** The full history's months, and how to read one; loaded from the database, or built from in-memory rows. */
export interface MonthSource {
  months: HistoryMonth[];
  /** The months each quest has rows in, oldest first (quests with the same months may share one array). */
  questMonths: { quest_id: string; months: string[] }[];
  load(month: string): Promise<QuestStats[]>;
}

function isoTimestamp(ts: string | null): string | null {
  return ts === null ? null : `${ts.replace(' ', 'T')}Z`;
}

/**
 * The quest's figures in the original web API's names (rejected = declined, kept for existing clients) plus the newer
 * ones: `declined` (the logs' word, same value) and `buckets` (all six, by name). Keys are listed in JSON's (sorted)
 * order, so compactJson serialises the object as it is: a 90-day history window has 450,000 of them. Without the
 * privacy floor's flags, which sort after every figure (questFigures adds them).
 */
function shownFigures(q: QuestStats) {
  const secs = (x: number | null) => round(x, 3);
  return {
    abandoned: q.abandoned,
    accepted: q.accepted,
    anomalies: q.anomalies,
    average_completion: secs(q.mean_seconds),
    average_completion_iso: isoDuration(secs(q.mean_seconds)),
    buckets: {
      abandoned: q.abandoned,
      accepted: q.accepted,
      completed: q.completed,
      declined: q.declined,
      failed: q.failed,
      not_encountered: q.not_encountered,
    },
    completed: q.completed,
    completion_rate: round(q.completion_rate, 6),
    completion_rate_high: round(q.completion_rate_high, 6),
    completion_rate_low: round(q.completion_rate_low, 6),
    conversion_rate: round(q.conversion_rate, 6),
    conversion_rate_high: round(q.conversion_rate_high, 6),
    conversion_rate_low: round(q.conversion_rate_low, 6),
    declined: q.declined,
    failed: q.failed,
    longest_completion: secs(q.max_seconds),
    longest_completion_iso: isoDuration(secs(q.max_seconds)),
    mean_attempts: round(q.mean_attempts, 3),
    median_completion: secs(q.median_seconds),
    median_completion_iso: isoDuration(secs(q.median_seconds)),
    not_encountered: q.not_encountered,
    p90_completion: secs(q.p90_seconds),
    p90_completion_iso: isoDuration(secs(q.p90_seconds)),
    players: q.players,
    reach_rate: round(q.reach_rate, 6),
    reach_rate_high: round(q.reach_rate_high, 6),
    reach_rate_low: round(q.reach_rate_low, 6),
    rejected: q.declined,
    shortest_completion: secs(q.min_seconds),
    shortest_completion_iso: isoDuration(secs(q.min_seconds)),
  };
}

const questFigures = (q: QuestStats) => withFlags(shownFigures(q), q);

/** The original API's chart data, as it was (legacy: `buckets` has all six): these four labels, in this order. */
function questStatus(q: QuestStats): { data: number; label: string }[] {
  return [
    { data: q.accepted, label: 'Accepted' },
    { data: q.declined, label: 'Rejected' },
    { data: q.completed, label: 'Completed' },
    { data: q.not_encountered, label: 'Not Encountered' },
  ];
}

/** How to reach the site root and the API root from a file in each place (the site works under any prefix). */
const ROOTS = {
  site: { pages: '', api: `${API_DIR}/` },
  api: { pages: '../'.repeat(API_DIR.split('/').length), api: '' },
  page: { pages: '../', api: `../${API_DIR}/` },
} as const;

/**
 * The one place a quest's URLs are made: its JSON, history and page (and `base`, the page's name before its
 * extension, which its chart files share), relative to the site root, the API root or a quest page.
 */
export function questPaths(fileId: string, from: keyof typeof ROOTS = 'site') {
  const { pages, api } = ROOTS[from];
  return {
    json: `${api}quests/${fileId}.json`,
    history: `${api}quests/${fileId}/history.json`,
    html: `${pages}quests/${fileId}.html`,
    base: `${pages}quests/${fileId}`,
  };
}

function questIdentity(q: QuestStats, fileId: string) {
  return {
    quest_id: q.quest_id,
    file_id: fileId,
    name: q.name,
    chain: q.chain,
    sort_order: q.sort_order,
    in_catalogue: q.in_catalogue,
  };
}

/** URLs relative to the API root (api/v1/) in every document, so the site works under any prefix. */
function links(fileId: string) {
  const { json, history, html } = questPaths(fileId, 'api');
  return { json, history, html };
}

/** What every API document starts with. */
export function header(data: SiteData) {
  return {
    schema_version: API_SCHEMA_VERSION,
    generated_at: data.generatedAt,
    snapshot_date: data.snapshot.meta.snapshot_date,
  };
}

export function questDocument(data: SiteData, q: QuestStats, fileId: string) {
  return {
    ...header(data),
    ...questIdentity(q, fileId),
    ...questFigures(q),
    ...survivalOf(data, q.quest_id),
    status: questStatus(q),
    links: links(fileId),
    ...(data.segments ? { segments: questSegments(data.segments, q.quest_id) } : {}),
  };
}

export function snapshotDocument(data: SiteData, ids: Map<string, string>) {
  const { meta, quests } = data.snapshot;
  return {
    ...header(data),
    computed_at: isoTimestamp(meta.computed_at),
    data_through: isoTimestamp(meta.data_through),
    players: meta.players,
    events: meta.events,
    coverage: {
      unknown_ids: [...data.coverage.unknown_ids].sort(),
      never_seen: [...data.coverage.never_seen].sort(),
      rejected_lines: data.coverage.rejected_lines,
    },
    quests: quests.map((q) => {
      const fileId = fileIdOf(ids, q.quest_id);
      return {
        ...questIdentity(q, fileId),
        ...questFigures(q),
        ...survivalOf(data, q.quest_id),
        status: questStatus(q),
        links: links(fileId),
      };
    }),
  };
}

/**
 * One quest's open month of history (`history`: its entries; the month has no file until it closes) and its `count`
 * months, oldest first (`months`: each with its link, as quest-pages' monthLinks). `history_complete`: no older month.
 */
export function historyDocument<H>(
  data: SiteData,
  q: QuestStats,
  history: H,
  id: string,
  count: number,
  months: unknown,
) {
  return {
    ...header(data),
    quest_id: q.quest_id,
    file_id: id,
    name: q.name,
    history,
    history_complete: count <= 1,
    months,
    links: links(id),
  };
}

/**
 * A history entry, every key in JSON's order (snapshot_date and status after every figure, before the privacy flags),
 * so entriesJson skips the sorting pass; assigned, not spread (22 keys spread cost ~1 s per 235,000 entries).
 */
export function historyEntry(r: QuestStats) {
  return withFlags(Object.assign(shownFigures(r), { snapshot_date: r.snapshot_date, status: questStatus(r) }), r);
}

/** History rows grouped by quest id, each in date order. */
export function historyByQuest(history: readonly QuestStats[]): Map<string, QuestStats[]> {
  const out = new Map<string, QuestStats[]>();
  for (const row of history) {
    const list = out.get(row.quest_id) ?? [];
    list.push(row);
    out.set(row.quest_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.snapshot_date.localeCompare(b.snapshot_date));
  return out;
}
