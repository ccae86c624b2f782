-- Before segments/snapshot_day.sql on a day after every completion: the segment groups' quantiles segment_quantiles
-- lacks (in $tz for cohorts), each dimension from the completion times of its missing groups only
-- (segments/quantiles_day_kept.sql then reads them all).
INSERT INTO main.segment_quantiles
WITH times AS MATERIALIZED (
  SELECT s.quest_id, coalesce(s.pair_build, '(none)') AS build, coalesce(s.pair_platform, '(none)') AS platform,
    coalesce(c.cohort, '(none)') AS cohort, s.completion_seconds AS t
  FROM snapshot_current s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
),
have AS (SELECT * FROM main.segment_quantiles WHERE tz IN ('', $tz))
SELECT quest_id, 'build', build, '', quantile_cont(t, [0.5, 0.9])
FROM times ANTI JOIN (SELECT * FROM have WHERE dimension = 'build') k ON k.quest_id = times.quest_id AND k.value = build
GROUP BY ALL
UNION ALL
SELECT quest_id, 'platform', platform, '', quantile_cont(t, [0.5, 0.9])
FROM times ANTI JOIN (SELECT * FROM have WHERE dimension = 'platform') k
  ON k.quest_id = times.quest_id AND k.value = platform
GROUP BY ALL
UNION ALL
SELECT quest_id, 'cohort', cohort, $tz, quantile_cont(t, [0.5, 0.9])
FROM times ANTI JOIN (SELECT * FROM have WHERE dimension = 'cohort') k ON k.quest_id = times.quest_id AND k.value = cohort
GROUP BY ALL;
