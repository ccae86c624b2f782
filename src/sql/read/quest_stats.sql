-- Stored snapshot rows with catalogue names: one date ($date) or all, one quest ($quest) or all.
SELECT
  s.snapshot_date,
  s.quest_id,
  coalesce(c.name, s.quest_id) AS name,
  c.chain,
  c.sort_order,
  c.quest_id IS NOT NULL AS in_catalogue,
  s.players,
  s.accepted,
  s.declined,
  s.completed,
  s.abandoned,
  s.failed,
  s.not_encountered,
  s.completion_rate,
  s.completion_rate_low,
  s.completion_rate_high,
  s.reach_rate,
  s.reach_rate_low,
  s.reach_rate_high,
  s.conversion_rate,
  s.conversion_rate_low,
  s.conversion_rate_high,
  s.mean_seconds,
  s.min_seconds,
  s.max_seconds,
  s.median_seconds,
  s.p90_seconds,
  s.mean_attempts,
  s.anomalies
FROM snapshots s
LEFT JOIN catalogue c ON c.quest_id = s.quest_id
WHERE ($date::DATE IS NULL OR s.snapshot_date = $date::DATE)
  AND ($quest::VARCHAR IS NULL OR s.quest_id = $quest::VARCHAR)
-- Numeric ids (levels: 0, 1, 2 … 10) in numeric order, not text order.
ORDER BY c.sort_order NULLS LAST, try_cast(s.quest_id AS BIGINT) NULLS LAST, s.quest_id, s.snapshot_date;
