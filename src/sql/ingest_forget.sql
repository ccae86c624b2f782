-- Removes an earlier version of a file (same path, other content); its players must be recomputed.
INSERT INTO dirty_players
SELECT DISTINCT player_id FROM file_players WHERE file_id = $file_id
EXCEPT SELECT player_id FROM dirty_players;

DELETE FROM events WHERE file_id = $file_id;
DELETE FROM rejects WHERE file_id = $file_id;
DELETE FROM file_players WHERE file_id = $file_id;
DELETE FROM files WHERE file_id = $file_id;
