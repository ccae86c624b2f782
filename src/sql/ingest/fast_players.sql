-- Players of the fast batch's events: every event row has a player and a time. Dirty players come from the
-- (far smaller) file_players rows rather than another pass over the events.
INSERT INTO file_players
SELECT file_id, player_id, min(ts)
FROM events WHERE file_id BETWEEN $lo AND $hi
GROUP BY file_id, player_id
ORDER BY file_id, player_id;

INSERT INTO dirty_players
SELECT DISTINCT player_id FROM file_players WHERE file_id BETWEEN $lo AND $hi
EXCEPT SELECT player_id FROM dirty_players;
