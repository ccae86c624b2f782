-- Per (snapshot date, quest) figures for every day in snapshot_days, in one pass: one range join of the state
-- intervals with the day ends (the state at a day's end is the interval with valid_from < day_end <= valid_to).
INSERT INTO snapshots
WITH state_at AS (
  SELECT d.snapshot_date, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly
  FROM snapshot_days d
  JOIN snapshot_state s
    ON s.valid_from < d.day_end AND coalesce(s.valid_to, 'infinity'::TIMESTAMP) >= d.day_end
),
per_quest AS (
  SELECT
    snapshot_date,
    quest_id,
    count(*) FILTER (WHERE bucket = 'accepted') AS accepted,
    count(*) FILTER (WHERE bucket = 'declined') AS declined,
    count(*) FILTER (WHERE bucket = 'completed') AS completed,
    count(*) FILTER (WHERE bucket = 'abandoned') AS abandoned,
    count(*) FILTER (WHERE bucket = 'failed') AS failed,
    count(*) AS encountered,
    avg(completion_seconds) AS mean_seconds,
    min(completion_seconds) AS min_seconds,
    max(completion_seconds) AS max_seconds,
    quantile_cont(completion_seconds, 0.5) AS median_seconds,
    quantile_cont(completion_seconds, 0.9) AS p90_seconds,
    avg(attempts) FILTER (WHERE bucket = 'completed') AS mean_attempts,
    count(*) FILTER (WHERE anomaly) AS anomalies
  FROM state_at
  GROUP BY snapshot_date, quest_id
),
quests AS (
  -- Every quest met up to the day, plus every catalogue quest (nobody met it: all not encountered).
  SELECT snapshot_date, quest_id FROM per_quest
  UNION
  SELECT d.snapshot_date, c.quest_id FROM snapshot_days d CROSS JOIN main.catalogue c
)
SELECT
  q.snapshot_date,
  q.quest_id,
  d.players,
  coalesce(p.accepted, 0)::INTEGER,
  coalesce(p.declined, 0)::INTEGER,
  coalesce(p.completed, 0)::INTEGER,
  coalesce(p.abandoned, 0)::INTEGER,
  coalesce(p.failed, 0)::INTEGER,
  (d.players - coalesce(p.encountered, 0))::INTEGER AS not_encountered,
  CASE WHEN d.players > 0 THEN coalesce(p.completed, 0) / d.players END AS completion_rate,
  p.mean_seconds,
  p.min_seconds,
  p.max_seconds,
  p.median_seconds,
  p.p90_seconds,
  p.mean_attempts,
  coalesce(p.anomalies, 0)::INTEGER
FROM quests q
JOIN snapshot_days d ON d.snapshot_date = q.snapshot_date
LEFT JOIN per_quest p ON p.snapshot_date = q.snapshot_date AND p.quest_id = q.quest_id
ORDER BY q.snapshot_date, q.quest_id;
