-- Open state rows with their segment values: the pair's build and platform (pair_first) and the player's own
-- (player_values, player_first), all merged before the state. `input` names a table or view with state_open's columns.
-- A rebuild stores its open rows with it straight from state_intervals (state/current_all.sql); an incremental
-- refresh's open rows take the same values from the night's merges instead (state/open_values.sql), which read each
-- of these tables once.
CREATE OR REPLACE TEMP MACRO ql_open_values(input) AS TABLE
SELECT s.player_id, s.quest_id, s.valid_from, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.last_accept,
  pf.build AS pair_build, pf.platform AS pair_platform, v.build AS own_build, v.platform AS own_platform,
  f.first_seen AS seen
FROM query_table(input) s
LEFT JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
LEFT JOIN main.player_values v ON v.player_id = s.player_id
LEFT JOIN main.player_first f ON f.player_id = s.player_id;
