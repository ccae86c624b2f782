-- redo_all.sql in a rebuild (no starting point: every player with events is recomputed): those players are the ones in
-- player_values (one row per player with an event, written just before by state/firsts_all.sql), which spares a pass
-- over every event; and the dirty ones.
CREATE OR REPLACE TEMP TABLE state_redo AS
SELECT player_id FROM main.dirty_players
UNION
SELECT player_id FROM main.player_values;
