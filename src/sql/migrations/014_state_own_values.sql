-- Version 14: each open state row also carries its player's own segment values (build and platform of the player's
-- first quest event, as in player_values) and first sighting (player_first, the cohort's source), so a snapshot's
-- segment pass groups the state without joining every row to its player (a quarter of the pass at 10M events). The
-- state refresh writes them with every row (state/current.sql, state/extend.sql) and rewrites the rows of players
-- whose values moved without a recompute (state/own_values.sql).
ALTER TABLE state_current ADD COLUMN own_build VARCHAR;
ALTER TABLE state_current ADD COLUMN own_platform VARCHAR;
ALTER TABLE state_current ADD COLUMN seen TIMESTAMP;

UPDATE state_current c
SET own_build = u.build, own_platform = u.platform, seen = u.first_seen
FROM (
  SELECT f.player_id, v.build, v.platform, f.first_seen
  FROM player_first f
  LEFT JOIN player_values v ON v.player_id = f.player_id
) u
WHERE u.player_id = c.player_id;
