-- Recomputes the intervals of the players in state_redo from all their events (their old rows are deleted first, in
-- the same transaction). One row per kept event: the state from that event [valid_from) until the player's next event
-- on the quest [valid_to). The open rows (valid_to NULL) are then copied to state_current (state_current.sql), found
-- by $refresh.
INSERT INTO state_intervals
WITH ev AS (
  -- Exact duplicates (same player, quest, status, time) count once.
  SELECT DISTINCT player_id, quest_id, status, ts
  FROM events
  WHERE player_id IN (SELECT player_id FROM state_redo)
),
stepped AS (
  -- One window (one sort) for everything. Events at the same instant apply in enum order
  -- accepted < declined < completed < abandoned < failed, so an acceptance logged in the same second as its completion
  -- still counts; the earlier event of a tie gets a zero-length interval, which no as-of filter ever selects.
  -- Literals are typed ::quest_status: against a plain string DuckDB casts every row's enum to VARCHAR.
  SELECT
    *,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_so_far,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS last_accept
  FROM ev
  WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status)
)
SELECT
  player_id,
  quest_id,
  ts AS valid_from,
  -- Completed is absorbing: the first completion lasts forever and everything after it is dropped (done_before > 0).
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to,
  status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  accepted_so_far::INTEGER AS attempts,
  status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  -- Kept on the open row only: all a later event needs to continue from it.
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept,
  $refresh AS refresh
FROM stepped
WHERE done_before = 0;
