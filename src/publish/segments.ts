// Segments in the published site: api/v1/segments.json, api/v1/segments/<dimension>/<value>.json, each quest's
// `segments`, and the report's pages per dimension. Every row passes the privacy floor first (src/publish/privacy.ts).
import type { QuestStats, SegmentRow } from '../domain/types.js';
import { API_DIR, questPaths, type SiteData } from './api.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { compactJson } from './json.js';
import { type SiteSegments, segmentFigures } from './segment-figures.js';

/** Per dimension, its values in order with their file ids (case-folding collisions hashed, as quest ids are). */
export function segmentValues(seg: SiteSegments): Map<string, Map<string, string>> {
  // Asked for by the index, the API files and each dimension page: one pass over the rows (14,000 at 1M) per site.
  let out = valuesOf.get(seg);
  if (out) return out;
  const found = new Map<string, Set<string>>(seg.dimensions.map((d) => [d, new Set<string>()]));
  for (const r of seg.rows) if (r.dimension !== null) found.get(r.dimension)?.add(r.value as string);
  out = new Map<string, Map<string, string>>();
  for (const d of seg.dimensions) out.set(d, fileIds([...(found.get(d) as Set<string>)].sort()));
  valuesOf.set(seg, out);
  return out;
}

const valuesOf = new WeakMap<SiteSegments, Map<string, Map<string, string>>>();

const segmentPaths = (dimension: string, fileId: string) => ({
  json: `${API_DIR}/segments/${dimension}/${fileId}.json`,
  html: `segments/${dimension}.html#${fileId}`,
});

function header(data: SiteData) {
  return { schema_version: 1, generated_at: data.generatedAt, snapshot_date: data.snapshot.meta.snapshot_date };
}

/** api/v1/segments.json: the published dimensions, their values and where each value's figures are. */
function segmentsIndex(data: SiteData, seg: SiteSegments) {
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

/**
 * One api/v1/segments/<dimension>/<value>.json to write: the value's rows in the site's order, each with its quest's file
 * id. Plain data: a render worker writes it from this alone (render-pool.ts).
 */
export interface SegmentValueFile {
  dimension: string;
  value: string;
  fileId: string;
  minPlayers: number;
  rows: SegmentRow[];
  questFileIds: string[];
}

/** Every value's file of the segment API, in the order they were written before: dimension, then value. */
export function segmentValueFiles(data: SiteData, seg: SiteSegments): SegmentValueFile[] {
  const questIds = fileIds(data.snapshot.quests.map((q: QuestStats) => q.quest_id));
  // Each value's rows in one pass (a filter over every row per value was ~0.25 s at 1,000 quests x 30 values).
  const byValue = new Map<string, SegmentRow[]>();
  for (const r of seg.rows) {
    if (r.dimension === null) continue;
    const key = `${r.dimension}\u0000${r.value}`;
    const list = byValue.get(key);
    if (list) list.push(r);
    else byValue.set(key, [r]);
  }
  const out: SegmentValueFile[] = [];
  for (const [dimension, values] of segmentValues(seg)) {
    for (const [value, fileId] of values) {
      const rows = byValue.get(`${dimension}\u0000${value}`) ?? [];
      out.push({
        dimension,
        value,
        fileId,
        minPlayers: seg.minPlayers,
        rows,
        questFileIds: rows.map((r) => fileIdOf(questIds, r.quest_id)),
      });
    }
  }
  return out;
}

/**
 * api/v1/segments/<dimension>/<value>.json: every quest's figures for that value. Each object is built with its keys in
 * JSON's order (compactJson then uses it as it is instead of copying ~5,000 rows per file to sort them).
 */
function segmentValueDocument(data: SiteData, file: SegmentValueFile) {
  const h = header(data);
  return {
    dimension: file.dimension,
    file_id: file.fileId,
    generated_at: h.generated_at,
    min_players: file.minPlayers,
    quests: file.rows.map((r, i) => segmentEntry(r, file.questFileIds[i] as string)),
    schema_version: h.schema_version,
    snapshot_date: h.snapshot_date,
    value: file.value,
  };
}

/**
 * A value file's row: segmentFigures (written in JSON's key order) with the quest's id, file id, name and links, merged
 * in that order. Every row has the same keys, so the order is worked out once and each row built in it.
 */
function segmentEntry(r: SegmentRow, q: string): Record<string, unknown> {
  const f: Record<string, unknown> = segmentFigures(r);
  // This file is segments/<dimension>/<value>.json under the API root: two folders below it.
  const paths = questPaths(q, 'api');
  const extra: Record<string, unknown> = {
    file_id: q,
    links: { html: `../../${paths.html}`, json: `../../${paths.json}` },
    name: r.name,
    quest_id: r.quest_id,
  };
  entryKeys ??= [...Object.keys(f), ...Object.keys(extra)].sort();
  const out: Record<string, unknown> = {};
  for (const k of entryKeys) out[k] = k in extra ? extra[k] : f[k];
  return out;
}

let entryKeys: string[] | undefined;

type Write = (rel: string, content: string | Buffer) => Promise<void> | void;

/** Writes one value's file (on the main thread, or in a render worker). */
export async function writeSegmentValue(data: SiteData, file: SegmentValueFile, write: Write): Promise<void> {
  await write(segmentPaths(file.dimension, file.fileId).json, compactJson(segmentValueDocument(data, file)));
}

/**
 * Writes the segment API files (the quest JSON's part is added by questDocument); `values: false` leaves the value
 * files to the render workers (render-pool.ts).
 */
export async function writeSegmentApi(
  data: SiteData,
  seg: SiteSegments,
  write: Write,
  opts: { values: boolean } = { values: true },
): Promise<void> {
  await write(`${API_DIR}/segments.json`, compactJson(segmentsIndex(data, seg)));
  if (!opts.values) return;
  for (const file of segmentValueFiles(data, seg)) await writeSegmentValue(data, file, write);
}
