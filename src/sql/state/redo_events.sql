-- The events of the players in state_redo, exact duplicates once: what quest_state.sql recomputes them from (with
-- nothing carried over).
CREATE OR REPLACE TEMP VIEW state_redo_events AS
SELECT DISTINCT player_id, quest_id, status, ts
FROM events
WHERE player_id IN (SELECT player_id FROM state_redo);
