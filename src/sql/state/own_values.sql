-- After the state writes: the open rows of players whose first quest event or first sighting this refresh moved
-- earlier (a late file; state_moved, noted by state/players.sql and state/player_values.sql before their merges) get
-- the new values: their state may not have been recomputed. Rows written by this refresh already have them; new
-- players have no older rows.
UPDATE main.state_current c
SET own_build = u.build, own_platform = u.platform, seen = u.first_seen
FROM (
  SELECT t.player_id, v.build, v.platform, f.first_seen
  FROM (SELECT DISTINCT player_id FROM state_moved) t
  LEFT JOIN main.player_values v ON v.player_id = t.player_id
  LEFT JOIN main.player_first f ON f.player_id = t.player_id
) u
WHERE u.player_id = c.player_id;
