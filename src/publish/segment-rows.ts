// The segment rows a publish reads from the database, under the privacy floor (src/publish/privacy.ts). Apart from
// segments.ts, which the render workers load: a worker must not load DuckDB's native library (slower to start, and a
// worker terminated while a native library initialises aborts the whole process).
import type { ChangesData, SegmentRow } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { getSegmentRows } from '../engine/segments.js';
import { applyFloor } from './privacy.js';
import { floorSegmentMovers } from './privacy-site.js';
import type { SegmentOptions, SiteSegments } from './segment-figures.js';

export async function loadSegments(db: Db, date: string, opts: SegmentOptions): Promise<SiteSegments> {
  return { ...opts, rows: published(await getSegmentRows(db, { date }), opts) };
}

/** Rows of the published dimensions (and overall rows), under the floor. */
function published(rows: readonly SegmentRow[], opts: SegmentOptions): SegmentRow[] {
  return applyFloor(
    rows.filter((r) => r.dimension === null || opts.dimensions.includes(r.dimension)),
    opts.minPlayers,
  );
}

/**
 * The changes with the segment movers (and their alerts) hidden by the floor on either date left out. The previous
 * date's rows are read and floored only for the quests with a segment mover, in one read (the floor works within a
 * quest, so its rows alone decide): the whole date cost ~3.5 s of CPU at 100M events (100,000 rows read and floored)
 * to check the 25 quests a night's movers were in.
 */
export async function floorSegmentChanges(db: Db, c: ChangesData, now: SiteSegments): Promise<ChangesData> {
  const previous = c.latest.previous_date;
  const quests = [...new Set((c.segmentMovers ?? []).map((m) => m.quest_id))];
  if (now.minPlayers <= 0 || previous === null || quests.length === 0) return c;
  const before = published(await getSegmentRows(db, { date: previous, quests }), now);
  return floorSegmentMovers(c, [...now.rows, ...before]);
}
