-- The rules that turn one player's events on one quest into state intervals, written once: the full recompute
-- (quest_state.sql) and the incremental step (step.sql) both read them. `input` names a table or view with
-- player_id, quest_id, status, ts (exact duplicates already removed) and the pair's carried-over cur_attempts and
-- cur_last_accept (NULL when the pair starts from nothing).
--
-- One row per kept event: the state from that event [valid_from) until the player's next event on the quest
-- [valid_to). One window (one sort) for everything. Events at the same instant apply in enum order
-- accepted < declined < completed < abandoned < failed, so an acceptance logged in the same second as its completion
-- still counts; the earlier event of a tie gets a zero-length interval, which no as-of filter ever selects.
-- Literals are typed ::quest_status: against a plain string DuckDB casts every row's enum to VARCHAR.
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
    coalesce(cur_attempts, 0) + accepted_here AS attempts,
    coalesce(accept_here, cur_last_accept) AS last_accept
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
