-- Before segments/snapshot_day.sql on a day after every completion: the segment groups' quantiles segment_quantiles
-- lacks (in $tz for cohorts; state/quantiles_gone.sql deleted the changed groups'), each from its own completion
-- times: the missing groups are the day's completed groups (segment_completed_groups, already grouped per value as
-- shown) with a completion time and no kept row, then each dimension reads only the rows of its missing groups
-- (segments/quantiles_day_kept.sql then reads them all). The state is read by each dimension's scan, not through a
-- shared CTE: DuckDB materialised that CTE (613 k rows at 10M) even when no group was missing, as on a night that
-- changed no completion, while a semi join with no missing group ends its scan at once.
INSERT INTO main.segment_quantiles
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
GROUP BY ALL;
