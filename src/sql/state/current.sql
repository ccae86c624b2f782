-- The open row of each (player, quest) of the players in state_redo, just recomputed by quest_state.sql: the rows of
-- this refresh (state_extend.sql writes closed rows only), so zone maps skip every older row group. With the pair's
-- segment values from pair_first and the player's own (player_values, player_first), merged before the state by this
-- refresh.
INSERT INTO state_current
SELECT i.player_id, i.quest_id, i.valid_from, i.bucket, i.completion_seconds, i.attempts, i.anomaly, i.last_accept,
  pf.build, pf.platform, v.build, v.platform, f.first_seen
FROM state_intervals i
LEFT JOIN main.pair_first pf ON pf.player_id = i.player_id AND pf.quest_id = i.quest_id
LEFT JOIN main.player_values v ON v.player_id = i.player_id
LEFT JOIN main.player_first f ON f.player_id = i.player_id
WHERE i.refresh = $refresh AND i.valid_to IS NULL;
