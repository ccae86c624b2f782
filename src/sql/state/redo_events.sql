-- The events of the players in state_redo by their pair's key (state/redo_pairs.sql: the join keeps those players'
-- events only), exact duplicates once: what quest_state.sql recomputes them from (with nothing carried over).
CREATE OR REPLACE TEMP VIEW state_redo_events AS
SELECT DISTINCT p.k, e.status, e.ts
FROM main.events e
JOIN state_redo_pairs p ON p.player_id = e.player_id AND p.quest_id = e.quest_id;
