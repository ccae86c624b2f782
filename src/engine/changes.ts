// Changes: each stored snapshot against the previous one, per quest, in SQL (significance included).
import { listValue } from '@duckdb/node-api';
import { evaluateAlerts, movers, segmentMovers } from '../domain/alerts.js';
import { checkDate } from '../domain/dates.js';
import type { AlertRule, Changes, ChangesData, QuestChange, SegmentChange } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';
import { noSnapshotError } from './read.js';

interface Pair {
  snapshot_date: string;
  previous_date: string | null;
}

/** Snapshot `date` (latest when omitted) against `since` (default: the stored snapshot before it). */
export async function getChanges(db: Db, opts: { date?: string; since?: string } = {}): Promise<Changes> {
  const [changes] = await compare(db, [await pairOf(db, opts)]);
  return changes as Changes;
}

/** The pair `getChanges` compares; an unknown date or `since` is a user error. */
async function pairOf(db: Db, opts: { date?: string; since?: string }): Promise<Pair> {
  if (opts.date !== undefined) checkDate(opts.date);
  if (opts.since !== undefined) checkDate(opts.since);
  const [pair] = await pairs(db, opts.date, opts.since, false, 1);
  if (!pair) throw noSnapshotError(opts.date);
  if (opts.since !== undefined && !(await stored(db, opts.since))) throw noSnapshotError(opts.since);
  return pair;
}

/** Each stored snapshot up to `date` against the one before it, newest first, at most `limit`. */
export async function getChangeHistory(db: Db, date: string, limit: number): Promise<Changes[]> {
  const found = await pairs(db, date, undefined, true, limit);
  return compare(
    db,
    found.filter((p) => p.previous_date !== null),
  );
}

/**
 * The comparisons of `list`, in its order, from one query over every pair (not one query per pair). With `full`, only
 * that snapshot date's comparison has every quest; the others hold just the quests that moved (what `movers` reads).
 */
async function compare(db: Db, list: readonly Pair[], full?: string): Promise<Changes[]> {
  const withBefore = list.filter((p): p is Pair & { previous_date: string } => p.previous_date !== null);
  const rows =
    withBefore.length === 0
      ? []
      : await db.all<QuestChange & Pair>(sqlFile('changes/quest_changes'), {
          dates: listValue(withBefore.map((p) => p.snapshot_date)),
          befores: listValue(withBefore.map((p) => p.previous_date)),
          full: full ?? null,
        });
  const byPair = new Map<string, QuestChange[]>();
  for (const { snapshot_date, previous_date, ...q } of rows) {
    const key = `${snapshot_date} ${previous_date}`;
    const quests = byPair.get(key) ?? [];
    quests.push(q);
    byPair.set(key, quests);
  }
  return list.map((p) => ({
    snapshot_date: p.snapshot_date,
    previous_date: p.previous_date,
    quests: byPair.get(`${p.snapshot_date} ${p.previous_date}`) ?? [],
  }));
}

function pairs(db: Db, date: string | undefined, since: string | undefined, history: boolean, limit: number) {
  return db.all<Pair>(sqlFile('changes/pairs'), { date: date ?? null, since: since ?? null, history, limit });
}

async function stored(db: Db, date: string): Promise<boolean> {
  const row = await db.one<{ n: number }>(sqlFile('snapshot/stored'), { date });
  return (row?.n ?? 0) > 0;
}

/**
 * Each quest x value of `dimension` (every dimension when omitted) of snapshot `date` against `previous`, from the
 * stored segment figures; with `moved`, only the values whose conversion moved beyond the noise.
 */
async function getSegmentChanges(
  db: Db,
  q: { date: string; previous: string; dimension?: string; moved?: boolean },
): Promise<SegmentChange[]> {
  return db.all<SegmentChange>(sqlFile('changes/segment_changes'), {
    date: q.date,
    previous: q.previous,
    dimension: q.dimension ?? null,
    moved: q.moved ?? false,
  });
}

/** The latest comparison's significant segment values of `dimensions`, worst first (one query for all of them). */
async function segmentMoversOf(db: Db, latest: Changes, dimensions: readonly string[]) {
  if (latest.previous_date === null || dimensions.length === 0) return [];
  const rows = await getSegmentChanges(db, {
    date: latest.snapshot_date,
    previous: latest.previous_date,
    ...(dimensions.length === 1 ? { dimension: dimensions[0] } : {}),
    moved: true,
  });
  return segmentMovers(rows.filter((r) => dimensions.includes(r.dimension)));
}

/**
 * The comparison of `date` (or against `since`), its movers, the alerts `rules` fire, and `history` earlier ones;
 * with `dimensions`, the latest comparison's segment movers of those dimensions too.
 */
export async function loadChanges(
  db: Db,
  opts: {
    date?: string;
    since?: string;
    rules?: readonly AlertRule[];
    history?: number;
    dimensions?: readonly string[];
  },
): Promise<ChangesData> {
  const pair = await pairOf(db, { date: opts.date, since: opts.since });
  const before = opts.history
    ? (await pairs(db, pair.snapshot_date, undefined, true, opts.history + 1)).filter(
        (p) => p.snapshot_date < pair.snapshot_date && p.previous_date !== null,
      )
    : [];
  // One query for the comparison and its history.
  const [latest, ...earlier] = (await compare(db, [pair, ...before], pair.snapshot_date)) as [Changes, ...Changes[]];
  const segments = await segmentMoversOf(db, latest, opts.dimensions ?? []);
  return {
    latest,
    history: earlier.map((c) => ({
      snapshot_date: c.snapshot_date,
      previous_date: c.previous_date,
      movers: movers(c),
    })),
    movers: movers(latest),
    ...(opts.dimensions && opts.dimensions.length > 0 ? { segmentMovers: segments } : {}),
    alerts: evaluateAlerts(opts.rules ?? [], latest, segments),
  };
}
