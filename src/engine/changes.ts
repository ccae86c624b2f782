// Changes: each stored snapshot against the previous one, per quest, in SQL (significance included).
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
  if (opts.date !== undefined) checkDate(opts.date);
  if (opts.since !== undefined) checkDate(opts.since);
  const [pair] = await pairs(db, opts.date, opts.since, false, 1);
  if (!pair) throw new UserError(statsMessages.noSnapshot(opts.date), { cli: ['statsFor', opts.date] });
  if (opts.since !== undefined && !(await stored(db, opts.since))) {
    throw new UserError(statsMessages.noSnapshot(opts.since), { cli: ['statsFor', opts.since] });
  }
  return compare(db, pair);
}

/** Each stored snapshot up to `date` against the one before it, newest first, at most `limit`. */
export async function getChangeHistory(db: Db, date: string, limit: number): Promise<Changes[]> {
  const out: Changes[] = [];
  for (const pair of await pairs(db, date, undefined, true, limit)) {
    if (pair.previous_date !== null) out.push(await compare(db, pair));
  }
  return out;
}

async function compare(db: Db, pair: Pair): Promise<Changes> {
  const quests =
    pair.previous_date === null
      ? []
      : await db.all<QuestChange>(sqlFile('changes/quest_changes'), {
          date: pair.snapshot_date,
          before: pair.previous_date,
        });
  return { snapshot_date: pair.snapshot_date, previous_date: pair.previous_date, quests };
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
  const latest = await getChanges(db, { date: opts.date, since: opts.since });
  const earlier = opts.history
    ? (await getChangeHistory(db, latest.snapshot_date, opts.history + 1)).filter(
        (c) => c.snapshot_date < latest.snapshot_date,
      )
    : [];
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
