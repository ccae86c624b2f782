-- Players recomputed from all their events when the state cannot be continued (first build, removed files, a load as
-- large as a rebuild): the dirty ones and any with events loaded since the last refresh.
CREATE OR REPLACE TEMP TABLE state_redo AS
SELECT player_id FROM main.dirty_players
UNION
SELECT player_id FROM main.events WHERE file_id > $after;
