-- Players of the NDJSON fast batch's clean files, from the staged rows (a clean file's staged rows are exactly its
-- events, see ndjson_loaded.sql): the batch's uncommitted events were scanned by one thread. Dirty players come from
-- the (far smaller) file_players rows rather than another pass over the events.
INSERT INTO file_players
SELECT f.file_id, r.player_id, min(r.ts)
FROM ql_read r JOIN ql_first f ON f.idx = r.idx AND f.clean AND f.file_id NOT IN (SELECT file_id FROM ql_unclean)
GROUP BY f.file_id, r.player_id
ORDER BY f.file_id, r.player_id;

INSERT INTO dirty_players
SELECT DISTINCT player_id FROM file_players WHERE file_id BETWEEN $lo AND $hi
EXCEPT SELECT player_id FROM dirty_players;
