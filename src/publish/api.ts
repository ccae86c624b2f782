// The static JSON API (reports/api/v1/): pure functions from typed statistics to documents and their file paths.
import type { Coverage, HistogramBin, QuestStats, Snapshot } from '../domain/types.js';
import { fileIdOf } from './file-ids.js';
import { round } from './json.js';
import { questSegments, type SiteSegments } from './segment-figures.js';

/** Bumped when a field changes meaning or disappears; adding fields keeps it. */
const API_SCHEMA_VERSION = 1;
export const API_DIR = 'api/v1';

/** Everything one published site is made of; loaded from the database once, then rendered without it. */
export interface SiteData {
  title: string;
  generatedAt: string; // ISO 8601 UTC
  snapshot: Snapshot;
  coverage: Coverage;
  /** Every stored snapshot's figures, all quests, ordered by quest then date. */
  history: QuestStats[];
  histogram: HistogramBin[];
  /** Per-value figures of the published dimensions, privacy floor applied (src/publish/segments.ts). */
  segments?: SiteSegments;
}

/** Seconds as an ISO 8601 duration in hours, minutes and seconds (no days: they are calendar-dependent). */
export function isoDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (s || out === 'PT') out += `${s}S`;
  return out;
}

/** 'YYYY-MM-DD HH:MM:SS' (DuckDB, UTC) -> ISO 8601 with Z. */
function isoTimestamp(ts: string | null): string | null {
  return ts === null ? null : `${ts.replace(' ', 'T')}Z`;
}

/**
 * The quest's figures in the original web API's names (rejected = declined) plus the newer ones. Keys are listed in
 * JSON's (sorted) order, so stableJson serialises the object as it is: a 47-day history has 235,000 of them.
 */
function questFigures(q: QuestStats) {
  const secs = (x: number | null) => round(x, 3);
  return {
    abandoned: q.abandoned,
    accepted: q.accepted,
    anomalies: q.anomalies,
    average_completion: secs(q.mean_seconds),
    average_completion_iso: isoDuration(secs(q.mean_seconds)),
    completed: q.completed,
    completion_rate: round(q.completion_rate, 6),
    completion_rate_high: round(q.completion_rate_high, 6),
    completion_rate_low: round(q.completion_rate_low, 6),
    conversion_rate: round(q.conversion_rate, 6),
    conversion_rate_high: round(q.conversion_rate_high, 6),
    conversion_rate_low: round(q.conversion_rate_low, 6),
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
    // Under the privacy floor (src/publish/privacy.ts); absent when the figures are shown.
    ...(q.suppressed ? { suppressed: true } : {}),
    ...(q.times_suppressed ? { times_suppressed: true } : {}),
  };
}

/** The original API's chart data: exactly these four labels, in this order (keys in JSON's order, as above). */
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

function header(data: SiteData) {
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
      return { ...questIdentity(q, fileId), ...questFigures(q), status: questStatus(q), links: links(fileId) };
    }),
  };
}

export function questsIndex(data: SiteData, ids: Map<string, string>) {
  return {
    ...header(data),
    quests: data.snapshot.quests.map((q) => {
      const fileId = fileIdOf(ids, q.quest_id);
      return {
        ...questIdentity(q, fileId),
        players: q.players,
        completed: q.completed,
        completion_rate: round(q.completion_rate, 6),
        reach_rate: round(q.reach_rate, 6),
        conversion_rate: round(q.conversion_rate, 6),
        conversion_rate_low: round(q.conversion_rate_low, 6),
        conversion_rate_high: round(q.conversion_rate_high, 6),
        median_completion: round(q.median_seconds, 3),
        links: links(fileId),
        ...(q.suppressed ? { suppressed: true } : {}),
        ...(q.times_suppressed ? { times_suppressed: true } : {}),
      };
    }),
  };
}

export function historyDocument(data: SiteData, q: QuestStats, rows: QuestStats[], fileId: string) {
  return {
    ...header(data),
    quest_id: q.quest_id,
    file_id: fileId,
    name: q.name,
    // In JSON's order (snapshot_date and status sort after every figure); assigned, not spread: spreading 22 keys into
    // a new object cost ~1 s per 235,000 entries.
    history: rows.map((r) =>
      Object.assign(questFigures(r), { snapshot_date: r.snapshot_date, status: questStatus(r) }),
    ),
    links: links(fileId),
  };
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
