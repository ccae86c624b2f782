-- The events of the players in state_redo, exact duplicates once, with nothing carried over: what quest_state.sql
-- recomputes them from.
CREATE OR REPLACE TEMP VIEW state_redo_events AS
SELECT DISTINCT
  player_id, quest_id, status, ts, NULL::INTEGER AS cur_attempts, NULL::TIMESTAMP AS cur_last_accept
FROM events
WHERE player_id IN (SELECT player_id FROM state_redo);
