-- Moves the staged batch into the permanent tables under each file's ledger id.
INSERT INTO events
SELECT file_id, line, ts, player_id, quest_id, status, session_id, build, platform
FROM ql_stage WHERE outcome = 'event';

INSERT INTO rejects
SELECT file_id, line, reason, ql_clip(raw)
FROM ql_stage WHERE outcome = 'rejected'
ORDER BY file_id, line;

INSERT INTO file_players
SELECT file_id, seen_player, min(seen_ts)
FROM ql_stage WHERE seen_player IS NOT NULL AND seen_ts IS NOT NULL
GROUP BY file_id, seen_player
ORDER BY file_id, seen_player;

INSERT INTO dirty_players
SELECT DISTINCT seen_player FROM ql_stage WHERE seen_player IS NOT NULL AND seen_ts IS NOT NULL
EXCEPT SELECT player_id FROM dirty_players;
