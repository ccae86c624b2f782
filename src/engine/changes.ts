// Changes: each stored snapshot against the previous one, per quest, in SQL (significance included).
import { listValue } from '@duckdb/node-api';
import { evaluateAlerts, movers } from '../domain/alerts.js';
import { checkDate } from '../domain/dates.js';
import { UserError } from '../domain/errors.js';
import { statsMessages } from '../domain/messages.js';
import type { AlertRule, Changes, ChangesData, QuestChange } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';

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
  if (!pair) throw new UserError(statsMessages.noSnapshot(opts.date), { cli: ['statsFor', opts.date] });
  if (opts.since !== undefined && !(await stored(db, opts.since))) {
    throw new UserError(statsMessages.noSnapshot(opts.since), { cli: ['statsFor', opts.since] });
  }
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

/** The comparisons of `list`, in its order, from one query over every pair (not one query per pair). */
async function compare(db: Db, list: readonly Pair[]): Promise<Changes[]> {
  const withBefore = list.filter((p): p is Pair & { previous_date: string } => p.previous_date !== null);
  const rows =
    withBefore.length === 0
      ? []
      : await db.all<QuestChange & Pair>(sqlFile('changes/quest_changes'), {
          dates: listValue(withBefore.map((p) => p.snapshot_date)),
          befores: listValue(withBefore.map((p) => p.previous_date)),
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
  const row = await db.one<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM snapshot_runs WHERE snapshot_date = $date::DATE',
    { date },
  );
  return (row?.n ?? 0) > 0;
}

/** The comparison of `date` (or against `since`), its movers, the alerts `rules` fire, and `history` earlier ones. */
export async function loadChanges(
  db: Db,
  opts: { date?: string; since?: string; rules?: readonly AlertRule[]; history?: number },
): Promise<ChangesData> {
  const pair = await pairOf(db, { date: opts.date, since: opts.since });
  const before = opts.history
    ? (await pairs(db, pair.snapshot_date, undefined, true, opts.history + 1)).filter(
        (p) => p.snapshot_date < pair.snapshot_date && p.previous_date !== null,
      )
    : [];
  // One query for the comparison and its history.
  const [latest, ...earlier] = (await compare(db, [pair, ...before])) as [Changes, ...Changes[]];
  return {
    latest,
    history: earlier.map((c) => ({
      snapshot_date: c.snapshot_date,
      previous_date: c.previous_date,
      movers: movers(c),
    })),
    movers: movers(latest),
    alerts: evaluateAlerts(opts.rules ?? [], latest),
  };
}
