-- quest_state intervals for the players in dirty_players (their old rows are deleted first, in the same transaction).
-- One row per kept event: the state from that event [valid_from) until the player's next event on the quest [valid_to).
INSERT INTO quest_state
WITH ev AS (
  -- Exact duplicates (same player, quest, status, time) count once.
  SELECT DISTINCT player_id, quest_id, status, ts
  FROM events
  WHERE player_id IN (SELECT player_id FROM dirty_players)
),
ordered AS (
  -- Events at the same instant apply in enum order accepted < declined < completed < abandoned < failed, so an
  -- acceptance logged in the same second as its completion still counts; the earlier one of a tie gets a zero-length
  -- interval, which no as-of filter ever selects.
  SELECT *, row_number() OVER (PARTITION BY player_id, quest_id ORDER BY ts, status) AS seq
  FROM ev
),
kept AS (
  -- Completed is absorbing: whatever follows the first completion changes nothing.
  SELECT *
  FROM (
    SELECT *, min(seq) FILTER (WHERE status = 'completed') OVER (PARTITION BY player_id, quest_id) AS done_seq
    FROM ordered
  )
  WHERE done_seq IS NULL OR seq <= done_seq
),
stepped AS (
  SELECT
    *,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted') OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_so_far,
    max(ts) FILTER (WHERE status = 'accepted') OVER (w ROWS UNBOUNDED PRECEDING) AS last_accept
  FROM kept
  WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY seq)
)
SELECT
  player_id,
  quest_id,
  ts AS valid_from,
  next_ts AS valid_to,
  status AS bucket,
  CASE WHEN status = 'completed' THEN epoch(ts - last_accept) END AS completion_seconds,
  accepted_so_far::INTEGER AS attempts,
  status = 'completed' AND last_accept IS NULL AS anomaly
FROM stepped;
