-- Removes earlier versions of the batch's files (same path, other content); their players must be recomputed.
INSERT INTO dirty_players
SELECT DISTINCT player_id FROM file_players WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL)
EXCEPT SELECT player_id FROM dirty_players;

DELETE FROM events WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL);
DELETE FROM rejects WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL);
-- A mapped file's extra dimensions go with its events (the new version stages its own, if its source still has any).
DELETE FROM event_dimensions WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL);
DELETE FROM file_players WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL);
DELETE FROM files WHERE file_id IN (SELECT old_id FROM ql_batch WHERE old_id IS NOT NULL);
