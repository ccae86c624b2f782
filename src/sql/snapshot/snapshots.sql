-- The stored rows for every day in snapshot_days from the engine's figures (snapshot_figures: quests met by the day),
-- against the day's players. By name: columns added by later migrations sit at the table's end, not where they read
-- best here.
INSERT INTO snapshots BY NAME
WITH quests AS (
  -- Every quest met up to the day, plus every catalogue quest (nobody met it: all not encountered).
  SELECT snapshot_date, quest_id FROM snapshot_figures
  UNION
  SELECT d.snapshot_date, c.quest_id FROM snapshot_days d CROSS JOIN main.catalogue c
)
SELECT
  q.snapshot_date,
  q.quest_id,
  d.players,
  coalesce(p.accepted, 0)::INTEGER AS accepted,
  coalesce(p.declined, 0)::INTEGER AS declined,
  coalesce(p.completed, 0)::INTEGER AS completed,
  coalesce(p.abandoned, 0)::INTEGER AS abandoned,
  coalesce(p.failed, 0)::INTEGER AS failed,
  (d.players - coalesce(p.encountered, 0))::INTEGER AS not_encountered,
  -- completion, reach and conversion rates with their intervals (src/sql/stats/macros.sql).
  unnest(ql_rates(d.players, coalesce(p.encountered, 0), coalesce(p.completed, 0))),
  p.mean_seconds,
  p.min_seconds,
  p.max_seconds,
  p.median_seconds,
  p.p90_seconds,
  p.mean_attempts,
  coalesce(p.anomalies, 0)::INTEGER AS anomalies
FROM quests q
JOIN snapshot_days d ON d.snapshot_date = q.snapshot_date
LEFT JOIN snapshot_figures p ON p.snapshot_date = q.snapshot_date AND p.quest_id = q.quest_id
ORDER BY q.snapshot_date, q.quest_id;
