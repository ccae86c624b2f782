-- After the state writes: the open rows of players whose own values or first sighting this refresh moved (a late
-- file with an earlier first quest event, or an earlier sighting) without their state being recomputed get the new
-- ones. Only players with events in the new files can have moved (state_seen, state_player_values).
UPDATE main.state_current c
SET own_build = u.build, own_platform = u.platform, seen = u.first_seen
FROM (
  SELECT t.player_id, v.build, v.platform, f.first_seen
  FROM (SELECT player_id FROM state_seen UNION SELECT player_id FROM state_player_values) t
  LEFT JOIN main.player_values v ON v.player_id = t.player_id
  LEFT JOIN main.player_first f ON f.player_id = t.player_id
) u
WHERE u.player_id = c.player_id
  AND (c.own_build IS DISTINCT FROM u.build OR c.own_platform IS DISTINCT FROM u.platform
    OR c.seen IS DISTINCT FROM u.first_seen);
