-- Stored figures per quest for one snapshot date: the overall row ($overall, dimension and value NULL) and each
-- value of the dimension $dimension (NULL: every dimension), with each rate and its 95% Wilson interval. One quest
-- ($quest) or a list of them ($quests), NULL: all.
WITH rows AS (
  SELECT snapshot_date, NULL::VARCHAR AS dimension, NULL::VARCHAR AS value, quest_id, players, accepted, declined,
    completed, abandoned, failed, not_encountered, mean_seconds, min_seconds, max_seconds, median_seconds,
    p90_seconds, mean_attempts, anomalies
  FROM main.snapshots
  WHERE $overall AND snapshot_date = $date::DATE
  UNION ALL
  SELECT snapshot_date, dimension, value, quest_id, players, accepted, declined, completed, abandoned, failed,
    not_encountered, mean_seconds, min_seconds, max_seconds, median_seconds, p90_seconds, mean_attempts, anomalies
  FROM main.segment_snapshots
  WHERE snapshot_date = $date::DATE AND ($dimension::VARCHAR IS NULL OR dimension = $dimension::VARCHAR)
)
SELECT
  r.snapshot_date::VARCHAR AS snapshot_date,
  r.quest_id,
  coalesce(c.name, r.quest_id) AS name,
  r.dimension,
  r.value,
  r.players,
  r.accepted,
  r.declined,
  r.completed,
  r.abandoned,
  r.failed,
  r.not_encountered,
  r.players - r.not_encountered AS encountered,
  -- The nine rates and intervals, by the one rule the snapshots use (src/sql/stats/macros.sql).
  unnest(ql_rates(r.players, r.players - r.not_encountered, r.completed)),
  r.mean_seconds,
  r.min_seconds,
  r.max_seconds,
  r.median_seconds,
  r.p90_seconds,
  r.mean_attempts,
  r.anomalies
FROM rows r
LEFT JOIN main.catalogue c ON c.quest_id = r.quest_id
WHERE ($quest::VARCHAR IS NULL OR r.quest_id = $quest::VARCHAR)
  AND ($quests::VARCHAR[] IS NULL OR list_contains($quests::VARCHAR[], r.quest_id))
ORDER BY c.sort_order NULLS LAST, try_cast(r.quest_id AS BIGINT) NULLS LAST, r.quest_id, r.dimension NULLS FIRST,
  r.value;
