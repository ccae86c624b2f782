-- Stored figures per quest for one snapshot date: the overall row ($overall, dimension and value NULL) and each
-- value of the dimension $dimension (NULL: every dimension), with each rate and its 95% Wilson interval.
-- reach = encountered / players, conversion = completed / encountered, completion = completed / players.
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
  CASE WHEN r.players > 0 THEN r.completed / r.players END AS completion_rate,
  ql_wilson_low(r.completed, r.players) AS completion_rate_low,
  ql_wilson_high(r.completed, r.players) AS completion_rate_high,
  CASE WHEN r.players > 0 THEN (r.players - r.not_encountered) / r.players END AS reach_rate,
  ql_wilson_low(r.players - r.not_encountered, r.players) AS reach_rate_low,
  ql_wilson_high(r.players - r.not_encountered, r.players) AS reach_rate_high,
  CASE WHEN r.players > r.not_encountered THEN r.completed / (r.players - r.not_encountered) END AS conversion_rate,
  ql_wilson_low(r.completed, r.players - r.not_encountered) AS conversion_rate_low,
  ql_wilson_high(r.completed, r.players - r.not_encountered) AS conversion_rate_high,
  r.mean_seconds,
  r.min_seconds,
  r.max_seconds,
  r.median_seconds,
  r.p90_seconds,
  r.mean_attempts,
  r.anomalies
FROM rows r
LEFT JOIN main.catalogue c ON c.quest_id = r.quest_id
WHERE $quest::VARCHAR IS NULL OR r.quest_id = $quest::VARCHAR
ORDER BY c.sort_order NULLS LAST, try_cast(r.quest_id AS BIGINT) NULLS LAST, r.quest_id, r.dimension NULLS FIRST,
  r.value;
