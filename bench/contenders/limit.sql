-- The engine's own one-shot cost (issue 13's `limit`): one query from the files to the per-quest figures, under the
-- same rules as questlog (src/sql/state/quest_state.sql and src/sql/snapshot/snapshots.sql) but with no ledger, no line
-- accounting, no stored state and no history. limit.js pastes the reader call into FROM (a table function cannot be bound).
WITH raw AS (
  SELECT ql_ts(ts::VARCHAR) AS ts, ql_id(player_id) AS player_id, ql_id(quest_id) AS quest_id, ql_status(status) AS status
  FROM {{READER}}
),
players AS (
  SELECT count(DISTINCT player_id) AS n FROM raw WHERE player_id IS NOT NULL AND ts IS NOT NULL
),
ev AS (
  SELECT DISTINCT player_id, quest_id, status, ts FROM raw
  WHERE ts IS NOT NULL AND player_id IS NOT NULL AND quest_id IS NOT NULL AND status IS NOT NULL
),
per_pair AS (
  -- One row per (player, quest): the first completion, the bucket, and the acceptances up to the first completion.
  SELECT
    player_id,
    quest_id,
    min(ts) FILTER (WHERE status = 'completed') AS done_at,
    arg_max(status, (ts, status)) AS last_status,
    list(ts) FILTER (WHERE status = 'accepted') AS accepts
  FROM ev
  GROUP BY player_id, quest_id
),
pairs AS (
  SELECT
    quest_id,
    CASE WHEN done_at IS NOT NULL THEN 'completed' ELSE last_status::VARCHAR END AS bucket,
    list_filter(accepts, a -> a <= done_at) AS before_done,
    done_at
  FROM per_pair
),
timed AS (
  SELECT
    quest_id,
    bucket,
    CASE WHEN bucket = 'completed' THEN epoch(done_at - list_max(before_done)) END AS seconds,
    CASE WHEN bucket = 'completed' THEN coalesce(len(before_done), 0) END AS attempts,
    bucket = 'completed' AND coalesce(len(before_done), 0) = 0 AS anomaly
  FROM pairs
)
SELECT
  quest_id,
  (SELECT n FROM players)::INTEGER AS players,
  count(*) FILTER (WHERE bucket = 'accepted')::INTEGER AS accepted,
  count(*) FILTER (WHERE bucket = 'declined')::INTEGER AS declined,
  count(*) FILTER (WHERE bucket = 'completed')::INTEGER AS completed,
  count(*) FILTER (WHERE bucket = 'abandoned')::INTEGER AS abandoned,
  count(*) FILTER (WHERE bucket = 'failed')::INTEGER AS failed,
  ((SELECT n FROM players) - count(*))::INTEGER AS not_encountered,
  avg(seconds) AS mean_seconds,
  min(seconds) AS min_seconds,
  max(seconds) AS max_seconds,
  quantile_cont(seconds, 0.5) AS median_seconds,
  quantile_cont(seconds, 0.9) AS p90_seconds,
  avg(attempts) FILTER (WHERE bucket = 'completed') AS mean_attempts,
  count(*) FILTER (WHERE anomaly)::INTEGER AS anomalies
FROM timed
GROUP BY quest_id
ORDER BY quest_id
