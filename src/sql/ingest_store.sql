-- Moves a staged file into the permanent tables under its ledger id.
INSERT INTO events
SELECT $file_id, line, ts, player_id, quest_id, status, session_id, build, platform
FROM ql_stage WHERE outcome = 'event';

INSERT INTO rejects
SELECT $file_id, line, reason, ql_clip(raw)
FROM ql_stage WHERE outcome = 'rejected'
ORDER BY line;

INSERT INTO file_players
SELECT $file_id, seen_player, min(seen_ts)
FROM ql_stage WHERE seen_player IS NOT NULL AND seen_ts IS NOT NULL
GROUP BY seen_player
ORDER BY seen_player;

INSERT INTO dirty_players
SELECT DISTINCT player_id FROM file_players WHERE file_id = $file_id
EXCEPT SELECT player_id FROM dirty_players;
