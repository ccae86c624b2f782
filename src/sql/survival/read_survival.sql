-- Stored survival figures of one snapshot ($date), every quest that had an attempt.
SELECT
  snapshot_date::VARCHAR AS snapshot_date,
  quest_id,
  at_risk,
  censored,
  survival_median_seconds,
  survival_median_low_seconds,
  survival_median_high_seconds,
  survival_p90_seconds
FROM survival
WHERE snapshot_date = $date::DATE
ORDER BY quest_id;
