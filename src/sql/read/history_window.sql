-- Stored snapshot rows with catalogue names for the latest $days snapshot dates up to $date: what quest pages, the
-- index's trend and headline changes show. Bounded, so a publish costs the same after 30 or 365 nightly runs.
WITH dates AS (
  SELECT snapshot_date
  FROM snapshot_runs
  WHERE snapshot_date <= $date::DATE
  ORDER BY snapshot_date DESC
  LIMIT $days
)
SELECT
  s.snapshot_date,
  s.quest_id,
  coalesce(c.name, s.quest_id) AS name,
  c.chain,
  c.sort_order,
  c.quest_id IS NOT NULL AS in_catalogue,
  s.* EXCLUDE (snapshot_date, quest_id)
FROM snapshots s
JOIN dates d ON d.snapshot_date = s.snapshot_date
LEFT JOIN catalogue c ON c.quest_id = s.quest_id
ORDER BY c.sort_order NULLS LAST, try_cast(s.quest_id AS BIGINT) NULLS LAST, s.quest_id, s.snapshot_date;
