-- The day's completed rows (segment_completed_day: the kept sums, or summed from the state) summed per quest,
-- dimension as kept (build, platform, own_build, own_platform, cohort) and value as the day shows it (a cohort key's
-- cohort in $tz, segment_cohorts; '(none)' for a missing value). One grouping of the completed rows, read by
-- segments/quantiles_kept.sql (which groups lack their quantiles) and segments/snapshot_day.sql (the figures), which
-- each grouped them before. A table, so both read the few thousand groups, not the rows.
CREATE OR REPLACE TEMP TABLE segment_completed_groups AS
SELECT u.quest_id, u.dimension,
  CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value,
  sum(u.completed) AS completed,
  sum(u.seconds_n) AS seconds_n,
  sum(u.seconds_sum) AS seconds_sum,
  min(u.seconds_min) AS seconds_min,
  max(u.seconds_max) AS seconds_max,
  sum(u.attempts_sum) AS attempts_sum,
  sum(u.anomalies) AS anomalies
FROM segment_completed_day u
LEFT JOIN segment_cohorts c ON c.q = u.cohort_key
GROUP BY ALL;
