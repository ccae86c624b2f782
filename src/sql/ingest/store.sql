-- Moves the staged batch into the permanent tables under each file's ledger id.
INSERT INTO events
SELECT file_id, line, ts, player_id, quest_id, status, session_id, build, platform
FROM ql_stage WHERE outcome = 'event';

INSERT INTO rejects
SELECT file_id, line, reason, ql_clip(raw)
FROM ql_stage WHERE outcome = 'rejected'
ORDER BY file_id, line;

-- Players seen on ignored lines count too, under the same rules as an event's player (id and time limits).
CREATE OR REPLACE TEMP VIEW ql_seen AS
SELECT file_id, seen_player, seen_ts FROM ql_stage
WHERE seen_player IS NOT NULL AND seen_ts IS NOT NULL AND ql_in_range(seen_ts)
  AND ql_key_problem('player_id', seen_player) IS NULL;

INSERT INTO file_players
SELECT file_id, seen_player, min(seen_ts)
FROM ql_seen
GROUP BY file_id, seen_player
ORDER BY file_id, seen_player;

INSERT INTO dirty_players
SELECT DISTINCT seen_player FROM ql_seen
EXCEPT SELECT player_id FROM dirty_players;

DROP VIEW ql_seen;
