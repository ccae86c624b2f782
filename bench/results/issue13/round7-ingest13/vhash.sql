CREATE OR REPLACE TEMP VIEW v AS SELECT DISTINCT player_id, quest_id, status, ts, NULL::INTEGER AS cur_attempts, NULL::TIMESTAMP AS cur_last_accept FROM events;
CREATE OR REPLACE TEMP MACRO ql_state_intervals(input) AS TABLE
WITH stepped AS (
  SELECT
    *,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_here,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accept_here
  FROM query_table(input)
  WINDOW w AS (PARTITION BY hash(player_id, quest_id), player_id, quest_id ORDER BY ts, status)
),
carried AS (
  SELECT *, coalesce(cur_attempts, 0) + accepted_here AS attempts, coalesce(accept_here, cur_last_accept) AS last_accept
  FROM stepped WHERE done_before = 0
)
SELECT player_id, quest_id, ts AS valid_from,
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to, status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  attempts::INTEGER AS attempts, status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM carried;
