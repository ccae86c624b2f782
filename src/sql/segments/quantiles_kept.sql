-- Before segments/snapshot_day.sql on a day after every completion: the segment groups' quantiles segment_quantiles
-- lacks (in $tz for cohorts; state/quantiles_gone.sql deleted the groups that lost or changed a time, and a new group
-- has none), each from its own completion times, kept with those times (migration 017: the refresh appends a group's
-- new times to them): the missing groups are the day's completed groups (segment_completed_groups, already grouped
-- per value as shown) with a completion time and no kept row, then each dimension reads only the rows of its missing
-- groups (segments/quantiles_day_kept.sql then reads them all). The state is read by each dimension's scan, not
-- through a shared CTE: DuckDB materialised that CTE (613 k rows at 10M) even when no group was missing, while a semi
-- join with no missing group ends its scan at once. The quantiles are taken over the gathered list (the same
-- aggregate as over the rows), so the times are grouped once.
INSERT INTO main.segment_quantiles (quest_id, dimension, value, tz, q, times)
WITH missing AS MATERIALIZED (
  SELECT k.quest_id, k.dimension, k.value
  FROM segment_completed_groups k
  ANTI JOIN (SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)) g
    USING (quest_id, dimension, value)
  WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0
)
SELECT quest_id, dimension, v, tz, list_aggregate(t, 'quantile_cont', [0.5, 0.9]), t
FROM (
  SELECT s.quest_id, 'build' AS dimension, coalesce(s.pair_build, '(none)') AS v, '' AS tz,
    list(s.completion_seconds) AS t
  FROM snapshot_current s
  SEMI JOIN (SELECT * FROM missing WHERE dimension = 'build') m
    ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_build, '(none)')
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
  GROUP BY ALL
  UNION ALL
  SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', list(s.completion_seconds)
  FROM snapshot_current s
  SEMI JOIN (SELECT * FROM missing WHERE dimension = 'platform') m
    ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_platform, '(none)')
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
  GROUP BY ALL
  UNION ALL
  SELECT quest_id, 'cohort', v, $tz, list(t)
  FROM (
    SELECT s.quest_id, coalesce(c.cohort, '(none)') AS v, s.completion_seconds AS t
    -- The quests with a missing cohort group first, so only their rows are bucketed and joined to their cohort.
    FROM (
      SELECT s.quest_id, s.seen, s.completion_seconds
      FROM snapshot_current s
      SEMI JOIN (SELECT DISTINCT quest_id FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id
      WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
    ) s
    LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
  ) s
  SEMI JOIN (SELECT * FROM missing WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
  GROUP BY ALL
);
