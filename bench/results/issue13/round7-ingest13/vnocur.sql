CREATE OR REPLACE TEMP VIEW v AS SELECT DISTINCT player_id, quest_id, status, ts FROM events;
CREATE OR REPLACE TEMP MACRO ql_state_intervals(input) AS TABLE
WITH stepped AS (
  SELECT
    *,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_here,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accept_here
  FROM query_table(input)
  WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status)
),
carried AS (
  SELECT
    *,
    accepted_here AS attempts,
    accept_here AS last_accept
  FROM stepped
  -- Completed is absorbing: the first completion lasts forever and everything after it is dropped.
  WHERE done_before = 0
)
SELECT
  player_id,
  quest_id,
  ts AS valid_from,
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to,
  status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  attempts::INTEGER AS attempts,
  status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  -- Kept on the open row only: all a later event needs to continue from it.
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM carried;
