-- Stores the refresh's open rows (state_open) in state_current with their segment values: the pair's build and
-- platform (pair_first) and the player's own (player_values, player_first), all merged before the state. Kept as
-- state_open_values for segment_completed (state/segment_completed.sql).
CREATE OR REPLACE TEMP TABLE state_open_values AS
SELECT s.player_id, s.quest_id, s.valid_from, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.last_accept,
  pf.build AS pair_build, pf.platform AS pair_platform, v.build AS own_build, v.platform AS own_platform,
  f.first_seen AS seen
FROM state_open s
LEFT JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
LEFT JOIN main.player_values v ON v.player_id = s.player_id
LEFT JOIN main.player_first f ON f.player_id = s.player_id;

INSERT INTO main.state_current SELECT * FROM state_open_values;
