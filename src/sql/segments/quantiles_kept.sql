-- Before segments/snapshot_day.sql on a day after every completion: the segment groups' quantiles segment_quantiles
-- lacks (in $tz for cohorts; state/quantiles_gone.sql deleted the changed groups'), each from its own completion
-- times: the missing groups are found from the kept sums (no row read), then each dimension reads only the rows of
-- its missing groups (segments/quantiles_day_kept.sql then reads them all).
INSERT INTO main.segment_quantiles
WITH missing AS MATERIALIZED (
  SELECT DISTINCT k.quest_id, k.dimension,
    CASE WHEN k.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(k.value, '(none)') END AS value
  FROM main.segment_completed k
  LEFT JOIN segment_cohorts c ON c.q = k.cohort_key
  WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0
  EXCEPT
  SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)
),
times AS (
  SELECT quest_id, pair_build, pair_platform, seen, completion_seconds AS t
  FROM snapshot_current
  WHERE bucket = 'completed'::quest_status AND completion_seconds IS NOT NULL
)
SELECT s.quest_id, 'build', coalesce(s.pair_build, '(none)') AS v, '', quantile_cont(s.t, [0.5, 0.9])
FROM times s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'build') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_build, '(none)')
GROUP BY ALL
UNION ALL
SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', quantile_cont(s.t, [0.5, 0.9])
FROM times s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'platform') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_platform, '(none)')
GROUP BY ALL
UNION ALL
SELECT quest_id, 'cohort', v, $tz, quantile_cont(t, [0.5, 0.9])
FROM (
  -- Only the quests with a missing cohort are given their rows' cohorts.
  SELECT s.quest_id, coalesce(c.cohort, '(none)') AS v, s.t
  FROM (SELECT * FROM times WHERE quest_id IN (SELECT quest_id FROM missing WHERE dimension = 'cohort')) s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
) s
SEMI JOIN (SELECT * FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
GROUP BY ALL;
