// The rows of the tables `stats()`, `history()` and `coverage()` show: the snapshot's field names, counts as they
// are, rates and durations as Figures for reading (the data methods have the numbers).
import type { Coverage, QuestStats } from '../domain/types.js';
import type { Row } from '../engine/db.js';
import { formatDuration, formatInterval, formatPercent } from './display.js';

/**
 * Per-quest figures as shown by `stats()`: the snapshot's field names (README "Vocabulary"), counts as they are, rates
 * and durations for reading (`ql.snapshot()` has the numbers).
 */
export function statsRows(quests: QuestStats[]): Row[] {
  return quests.map((q) => ({
    quest_id: q.quest_id,
    name: q.name,
    players: q.players,
    accepted: q.accepted,
    declined: q.declined,
    completed: q.completed,
    abandoned: q.abandoned,
    failed: q.failed,
    not_encountered: q.not_encountered,
    // Reach: met / players; conversion: completed / met (what ranks quests), with its 95% interval.
    reach_rate: formatPercent(q.reach_rate),
    conversion_rate: formatPercent(q.conversion_rate),
    conversion_95: formatInterval(q.conversion_rate_low, q.conversion_rate_high),
    completion_rate: formatPercent(q.completion_rate),
    mean: formatDuration(q.mean_seconds),
    median: formatDuration(q.median_seconds),
    p90: formatDuration(q.p90_seconds),
  }));
}

/** How well the logs and the catalogue agree, one check a row. */
export function coverageRows(cov: Coverage): Row[] {
  return [
    {
      check: 'quest ids in the logs, not in the catalogue',
      count: cov.unknown_ids.length,
      ids: cov.unknown_ids.join(', '),
    },
    { check: 'catalogue quests nobody has met', count: cov.never_seen.length, ids: cov.never_seen.join(', ') },
    { check: 'rejected log lines', count: cov.rejected_lines, ids: '' },
  ];
}
