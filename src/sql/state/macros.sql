-- The rules that turn one player's events on one quest into state intervals, written once: the full recompute
-- (quest_state.sql) and the incremental step (step.sql) both read them. `input` names a table or view with
-- player_id, quest_id, status, ts (exact duplicates already removed); `carried` one with at most one row per
-- (player_id, quest_id): the pair's carried-over cur_attempts and cur_last_accept (no row when the pair starts from
-- nothing; state_nothing_carried below for a recompute). The carried values join after the window, not as columns of
-- its input: two more columns riding through the DISTINCT and the window's sort cost ~15% of a 1M-event rebuild's
-- quest_state.sql, constant NULLs included (bench/results/issue13/NOTES.md, round 7).
--
-- One row per kept event: the state from that event [valid_from) until the player's next event on the quest
-- [valid_to). One window (one sort) for everything. Events at the same instant apply in enum order
-- accepted < declined < completed < abandoned < failed, so an acceptance logged in the same second as its completion
-- still counts; the earlier event of a tie gets a zero-length interval, which no as-of filter ever selects.
-- Literals are typed ::quest_status: against a plain string DuckDB casts every row's enum to VARCHAR.
CREATE OR REPLACE TEMP MACRO ql_state_intervals(input, carried) AS TABLE
WITH stepped AS (
  SELECT
    player_id,
    quest_id,
    status,
    ts,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_here,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accept_here
  FROM query_table(input)
  WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status)
),
continued AS (
  SELECT
    s.*,
    coalesce(c.cur_attempts, 0) + s.accepted_here AS attempts,
    coalesce(s.accept_here, c.cur_last_accept) AS last_accept
  FROM stepped s
  LEFT JOIN query_table(carried) c ON c.player_id = s.player_id AND c.quest_id = s.quest_id
  -- Completed is absorbing: the first completion lasts forever and everything after it is dropped.
  WHERE s.done_before = 0
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
FROM continued;

-- Nothing carried over (a recompute starts every pair from nothing). No rows, so the join above has an empty side.
CREATE OR REPLACE TEMP VIEW state_nothing_carried AS
SELECT NULL::VARCHAR AS player_id, NULL::VARCHAR AS quest_id, NULL::INTEGER AS cur_attempts,
  NULL::TIMESTAMP AS cur_last_accept
WHERE false;
