-- What a kept aggregate would hold (made untimed, as if the state refresh had kept it): the fixed observations
-- (completed, failed, abandoned: their time never moves) counted per (quest, time, completed).
CREATE OR REPLACE TEMP TABLE kept_fixed AS
SELECT
  snapshot_date,
  quest_id,
  CASE WHEN bucket = 'completed'::quest_status THEN completion_seconds ELSE epoch(valid_from) - accepted_epoch END AS t,
  (bucket = 'completed'::quest_status)::INTEGER AS completed,
  count(*) AS w
FROM day_end_pairs
WHERE accepted_epoch IS NOT NULL AND bucket NOT IN ('declined'::quest_status, 'accepted'::quest_status)
GROUP BY ALL;
