-- Players recomputed from all their events when the state cannot be continued (first build, removed files, a load as
-- large as a rebuild): the dirty ones and any with events loaded since the last refresh (all events when there was
-- none: $after NULL), so with no starting point every player with events is here (redo_pairs_all.sql relies on it).
CREATE OR REPLACE TEMP TABLE state_redo AS
SELECT player_id FROM main.dirty_players
UNION
SELECT player_id FROM main.events WHERE $after IS NULL OR file_id > $after;
