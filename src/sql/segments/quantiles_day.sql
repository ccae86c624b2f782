-- The day's quantiles per segment group from the state (a day before some completion, or a roster): the day's
-- completers' times (completed rows are always open), read once for the three dimensions (GROUPING SETS); all of
-- them in the day's zone (tz '', as segments/quantiles_day_kept.sql shows the zone-free ones).
CREATE OR REPLACE TEMP TABLE segment_quantiles_day AS
SELECT quest_id, CASE g WHEN 3 THEN 'build' WHEN 5 THEN 'platform' ELSE 'cohort' END AS dimension,
  CASE g WHEN 3 THEN pair_build WHEN 5 THEN pair_platform ELSE cohort END AS value, '' AS tz, q
FROM (
  SELECT s.quest_id, coalesce(s.pair_build, '(none)') AS pair_build,
    coalesce(s.pair_platform, '(none)') AS pair_platform, coalesce(c.cohort, '(none)') AS cohort,
    quantile_cont(s.completion_seconds, [0.5, 0.9]) AS q,
    -- A bit per column left out, pair_build the highest (3: pair_build kept).
    GROUPING(pair_build, pair_platform, cohort) AS g
  FROM snapshot_current s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
  WHERE s.bucket = 'completed'::quest_status AND s.valid_from < (SELECT day_end FROM snapshot_days)
    AND s.completion_seconds IS NOT NULL
  GROUP BY GROUPING SETS ((s.quest_id, pair_build), (s.quest_id, pair_platform), (s.quest_id, cohort))
);
