-- @@ qa_current
CREATE OR REPLACE TEMP TABLE qa AS
WITH missing AS MATERIALIZED (
  SELECT k.quest_id, k.dimension, k.value
  FROM segment_completed_groups k
  ANTI JOIN (SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)) g
    USING (quest_id, dimension, value)
  WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0
)
SELECT s.quest_id, 'build', coalesce(s.pair_build, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9])
FROM snapshot_current s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'build') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_build, '(none)')
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9])
FROM snapshot_current s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'platform') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_platform, '(none)')
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT quest_id, 'cohort', v, $tz, quantile_cont(t, [0.5, 0.9])
FROM (
  SELECT s.quest_id, coalesce(c.cohort, '(none)') AS v, s.completion_seconds AS t
  FROM snapshot_current s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
    AND s.quest_id IN (SELECT quest_id FROM missing WHERE dimension = 'cohort')
) s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
GROUP BY ALL;
-- @@ qb_quest_first
CREATE OR REPLACE TEMP TABLE qb AS
WITH missing AS MATERIALIZED (
  SELECT k.quest_id, k.dimension, k.value
  FROM segment_completed_groups k
  ANTI JOIN (SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)) g
    USING (quest_id, dimension, value)
  WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0
)
SELECT s.quest_id, 'build', coalesce(s.pair_build, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9])
FROM snapshot_current s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'build') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_build, '(none)')
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9])
FROM snapshot_current s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'platform') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_platform, '(none)')
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT quest_id, 'cohort', v, $tz, quantile_cont(t, [0.5, 0.9])
FROM (
  SELECT s.quest_id, coalesce(c.cohort, '(none)') AS v, s.completion_seconds AS t
  FROM (
    SELECT s.quest_id, s.seen, s.completion_seconds
    FROM snapshot_current s
    SEMI JOIN (SELECT DISTINCT quest_id FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id
    WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
  ) s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
) s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
GROUP BY ALL;
-- @@ show_cmp
SELECT (SELECT count(*) FROM qa) AS n, (SELECT count(*) FROM (FROM qa EXCEPT ALL FROM qb)) + (SELECT count(*) FROM (FROM qb EXCEPT ALL FROM qa)) AS d


