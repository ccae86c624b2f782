// What the index's charts and headline cards show: the quests that need attention, and the change since the
// previous snapshot. Conversion ranks by rates.ts's worstFirst (figures computed in SQL); nothing recomputes a metric.
import type { QuestStats } from '../domain/types.js';
import { worstFirst } from './rates.js';

/** Quests per attention chart: enough to act on, few enough to read on a phone. */
const ATTENTION_LIMIT = 25;

const encountered = (q: QuestStats) => q.players - q.not_encountered;
/** Players who met the quest and turned it down or gave up on it (its latest state), per player who met it. */
function dropOff(q: QuestStats): number | null {
  const met = encountered(q);
  return met > 0 ? (q.declined + q.abandoned + q.failed) / met : null;
}

const byId = (a: QuestStats, b: QuestStats) => (a.quest_id < b.quest_id ? -1 : a.quest_id > b.quest_id ? 1 : 0);

/** The quests the fewest of whose players complete them: issue 19's worst-first ranking (conversion), cut. */
export function lowestConversion(quests: readonly QuestStats[], n = ATTENTION_LIMIT): QuestStats[] {
  return worstFirst(quests).slice(0, n);
}

/** The quests that lose the largest share of the players who met them (declined, abandoned or failed). */
export function largestDropOff(quests: readonly QuestStats[], n = ATTENTION_LIMIT): QuestStats[] {
  return quests
    .filter((q) => (dropOff(q) ?? 0) > 0)
    .sort((a, b) => (dropOff(b) as number) - (dropOff(a) as number) || encountered(b) - encountered(a) || byId(a, b))
    .slice(0, n);
}

/** The quests with the longest median completion time. */
export function slowest(quests: readonly QuestStats[], n = ATTENTION_LIMIT): QuestStats[] {
  return quests
    .filter((q) => q.median_seconds !== null)
    .sort((a, b) => (b.median_seconds as number) - (a.median_seconds as number) || byId(a, b))
    .slice(0, n);
}

export interface Headline {
  label: string;
  value: number;
  /** Change since the previous snapshot date; null when there is none. */
  delta: number | null;
  /** The previous snapshot date the change is against. */
  since: string | null;
}

/**
 * The index's cards: players, quests with a row, completions (summed over quests) and, from issue 19's rates, nothing
 * else; each with its change since the previous stored snapshot (read from the history window).
 */
export function headlines(
  snapshotDate: string,
  players: number,
  quests: readonly QuestStats[],
  history: readonly QuestStats[],
): Headline[] {
  let previous: string | null = null;
  for (const r of history)
    if (r.snapshot_date < snapshotDate && (previous === null || r.snapshot_date > previous)) previous = r.snapshot_date;
  const before = previous === null ? [] : history.filter((r) => r.snapshot_date === previous);
  // Rows under the privacy floor have null counts: they add nothing (src/publish/privacy.ts).
  const sum = (rows: readonly QuestStats[]) => rows.reduce((n, q) => n + (q.completed ?? 0), 0);
  const card = (label: string, value: number, then: number) => ({
    label,
    value,
    delta: previous === null ? null : value - then,
    since: previous,
  });
  return [
    card('Players', players, before.find((r) => r.players !== null)?.players ?? 0),
    card('Quests', quests.length, before.length),
    card('Completions', sum(quests), sum(before)),
  ];
}
