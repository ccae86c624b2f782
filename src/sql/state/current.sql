-- The open row of each (player, quest) of the players in state_redo, just recomputed by quest_state.sql: the rows of
-- this refresh (state_extend.sql writes closed rows only), so zone maps skip every older row group. Gathered in
-- state_open; state/open_values.sql stores them.
INSERT INTO state_open
SELECT player_id, quest_id, valid_from, bucket, completion_seconds, attempts, anomaly, last_accept
FROM state_intervals
WHERE refresh = $refresh AND valid_to IS NULL;
