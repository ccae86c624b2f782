// A segment row as published: its figures under the snapshot's names, and the rows of one quest (a quest JSON's
// `segments`). Apart from src/publish/segments.ts so that api.ts can use them without an import cycle.
import type { Config } from '../config.js';
import { publishedDimensions } from '../config-dimensions.js';
import type { SegmentRow } from '../domain/types.js';
import { round } from './json.js';
import { DEFAULT_MIN_PLAYERS } from './privacy.js';

/** What a publish shows of segments: which dimensions, and the floor. */
export interface SegmentOptions {
  dimensions: string[];
  minPlayers: number;
}

/** A site's segment data: the floored rows of the published dimensions, overall rows included. */
export interface SiteSegments extends SegmentOptions {
  rows: SegmentRow[];
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

/** The segment settings of a config (none: the defaults), normalised once for the stats, changes and publish jobs. */
export function segmentOptions(config: Config | undefined): SegmentOptions {
  return {
    // The ClickHouse engine stores no segment rows (config refuses "segments" with it): none by default there.
    dimensions: publishedDimensions(config),
    minPlayers: config?.privacy?.min_players ?? DEFAULT_MIN_PLAYERS,
  };
}
