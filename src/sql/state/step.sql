-- New intervals of the pairs continued from state_current: the same window as quest_state.sql over the new events
-- only, seeded with the attempts and latest acceptance the pair already had. A completed pair is left as it is
-- (completed is absorbing and every new event of it came later).
CREATE OR REPLACE TEMP TABLE state_ext AS
SELECT *
FROM state_touched
WHERE (cur_from IS NULL OR (first_ts > cur_from AND cur_bucket <> 'completed'::quest_status))
  AND player_id NOT IN (SELECT player_id FROM state_redo);

CREATE OR REPLACE TEMP TABLE state_step AS
WITH stepped AS (
  -- Literals are typed ::quest_status: against a plain string DuckDB casts every row's enum to VARCHAR.
  SELECT
    n.*,
    e.cur_attempts,
    e.cur_last_accept,
    count(*) FILTER (WHERE n.status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(n.ts) OVER w AS next_ts,
    count(*) FILTER (WHERE n.status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_here,
    max(n.ts) FILTER (WHERE n.status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accept_here
  FROM state_new n
  JOIN state_ext e ON e.player_id = n.player_id AND e.quest_id = n.quest_id
  WINDOW w AS (PARTITION BY n.player_id, n.quest_id ORDER BY n.ts, n.status)
),
carried AS (
  SELECT
    *,
    coalesce(cur_attempts, 0) + accepted_here AS attempts,
    coalesce(accept_here, cur_last_accept) AS last_accept
  FROM stepped
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
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM carried;
