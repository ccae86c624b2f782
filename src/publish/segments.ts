// Segments in the published site: api/v1/segments.json, api/v1/segments/<dimension>/<value>.json, each quest's
// `segments`, and the report's pages per dimension. Every row passes the privacy floor first (src/publish/privacy.ts).
import type { Config } from '../config.js';
import { DIMENSIONS, type QuestStats, type SegmentRow } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { getSegmentRows } from '../engine/segments.js';
import { API_DIR, fileIdOf, fileIds, round, type SiteData } from './api.js';
import { applyFloor, DEFAULT_MIN_PLAYERS, floorQuest } from './privacy.js';

/** What a publish shows of segments: which dimensions, and the floor. */
export interface SegmentOptions {
  dimensions: string[];
  minPlayers: number;
}

export function segmentOptions(config: Config | undefined): SegmentOptions {
  return {
    dimensions: config?.segments ?? [...DIMENSIONS],
    minPlayers: config?.privacy?.min_players ?? DEFAULT_MIN_PLAYERS,
  };
}

/** A site's segment data: the floored rows of the published dimensions, overall rows included. */
export interface SiteSegments extends SegmentOptions {
  rows: SegmentRow[];
}

export async function loadSegments(db: Db, date: string, opts: SegmentOptions): Promise<SiteSegments> {
  const all = await getSegmentRows(db, { date });
  const rows = all.filter((r) => r.dimension === null || opts.dimensions.includes(r.dimension));
  return { ...opts, rows: applyFloor(rows, opts.minPlayers) };
}

/** The floor on the site's overall figures: snapshot quests, history rows, and the histograms of hidden times. */
export function floorSite(data: SiteData, k: number): SiteData {
  if (k <= 0) return data;
  const quests = data.snapshot.quests.map((q) => floorQuest(q, k));
  const hiddenTimes = new Set(quests.filter((q) => q.times_suppressed).map((q) => q.quest_id));
  return {
    ...data,
    snapshot: { ...data.snapshot, quests },
    history: data.history.map((q) => floorQuest(q, k)),
    histogram: data.histogram.filter((b) => !hiddenTimes.has(b.quest_id)),
  };
}

/** A segment row's figures under the snapshot's names, rounded as the API rounds (keys in JSON's order). */
export function segmentFigures(r: SegmentRow) {
  const rate = (x: number | null) => round(x, 6);
  const secs = (x: number | null) => round(x, 3);
  return {
    abandoned: r.abandoned,
    accepted: r.accepted,
    anomalies: r.anomalies,
    completed: r.completed,
    completion_rate: rate(r.completion_rate),
    completion_rate_high: rate(r.completion_rate_high),
    completion_rate_low: rate(r.completion_rate_low),
    conversion_rate: rate(r.conversion_rate),
    conversion_rate_high: rate(r.conversion_rate_high),
    conversion_rate_low: rate(r.conversion_rate_low),
    declined: r.declined,
    failed: r.failed,
    max_seconds: secs(r.max_seconds),
    mean_attempts: round(r.mean_attempts, 3),
    mean_seconds: secs(r.mean_seconds),
    median_seconds: secs(r.median_seconds),
    min_seconds: secs(r.min_seconds),
    not_encountered: r.not_encountered,
    p90_seconds: secs(r.p90_seconds),
    players: r.players,
    reach_rate: rate(r.reach_rate),
    reach_rate_high: rate(r.reach_rate_high),
    reach_rate_low: rate(r.reach_rate_low),
    suppressed: r.suppressed ?? false,
    times_suppressed: r.times_suppressed ?? false,
  };
}

/** Per dimension, its values in order with their file ids (case-folding collisions hashed, as quest ids are). */
export function segmentValues(seg: SiteSegments): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const d of seg.dimensions) {
    const values = [...new Set(seg.rows.filter((r) => r.dimension === d).map((r) => r.value as string))].sort();
    out.set(d, fileIds(values));
  }
  return out;
}

export const segmentPaths = (dimension: string, fileId: string) => ({
  json: `${API_DIR}/segments/${dimension}/${fileId}.json`,
  html: `segments/${dimension}.html#${fileId}`,
});

function header(data: SiteData) {
  return { schema_version: 1, generated_at: data.generatedAt, snapshot_date: data.snapshot.meta.snapshot_date };
}

/** api/v1/segments.json: the published dimensions, their values and where each value's figures are. */
export function segmentsIndex(data: SiteData, seg: SiteSegments) {
  const values = segmentValues(seg);
  return {
    ...header(data),
    min_players: seg.minPlayers,
    dimensions: seg.dimensions.map((d) => ({
      dimension: d,
      values: [...(values.get(d) ?? new Map<string, string>())].map(([value, fileId]) => ({
        value,
        file_id: fileId,
        links: { json: `segments/${d}/${fileId}.json`, html: `../../segments/${d}.html#v-${fileId}` },
      })),
    })),
  };
}

/** api/v1/segments/<dimension>/<value>.json: every quest's figures for that value. */
export function segmentValueDocument(
  data: SiteData,
  seg: SiteSegments,
  dimension: string,
  value: string,
  fileId: string,
  questIds: Map<string, string>,
) {
  const rows = seg.rows.filter((r) => r.dimension === dimension && r.value === value);
  return {
    ...header(data),
    dimension,
    value,
    file_id: fileId,
    min_players: seg.minPlayers,
    quests: rows.map((r) => {
      const q = fileIdOf(questIds, r.quest_id);
      return Object.assign(segmentFigures(r), {
        quest_id: r.quest_id,
        file_id: q,
        name: r.name,
        links: { json: `../../quests/${q}.json`, html: `../../../../quests/${q}.html` },
      });
    }),
  };
}

/** The rows of one quest (value rows only), indexed once per site: 5,000 quest pages must not scan them all. */
export function questRows(seg: SiteSegments, questId: string): SegmentRow[] {
  let index = byQuest.get(seg);
  if (!index) {
    index = new Map();
    for (const r of seg.rows) {
      if (r.dimension === null) continue;
      const list = index.get(r.quest_id);
      if (list) list.push(r);
      else index.set(r.quest_id, [r]);
    }
    byQuest.set(seg, index);
  }
  return index.get(questId) ?? [];
}

const byQuest = new WeakMap<SiteSegments, Map<string, SegmentRow[]>>();

/** A quest JSON's `segments`: per published dimension, its values' figures. */
export function questSegments(seg: SiteSegments, questId: string) {
  const rows = questRows(seg, questId);
  const out: Record<string, unknown[]> = {};
  for (const d of seg.dimensions) {
    out[d] = rows.filter((r) => r.dimension === d).map((r) => Object.assign(segmentFigures(r), { value: r.value }));
  }
  return out;
}

type Write = (rel: string, content: string | Buffer) => Promise<void> | void;

/** Writes the segment API files (the quest JSON's part is added by questDocument). */
export async function writeSegmentApi(
  data: SiteData,
  seg: SiteSegments,
  write: Write,
  json: (v: unknown) => string,
): Promise<void> {
  const questIds = fileIds(data.snapshot.quests.map((q: QuestStats) => q.quest_id));
  await write(`${API_DIR}/segments.json`, json(segmentsIndex(data, seg)));
  for (const [d, values] of segmentValues(seg)) {
    for (const [value, fileId] of values) {
      const doc = segmentValueDocument(data, seg, d, value, fileId, questIds);
      await write(segmentPaths(d, fileId).json, json(doc));
    }
  }
}
