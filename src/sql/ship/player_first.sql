-- Each player's first sighting, rebuilt from every file's players (the ClickHouse engine keeps no local state).
DELETE FROM main.player_first;
INSERT INTO main.player_first
SELECT player_id, min(first_seen)
FROM main.file_players
GROUP BY player_id
ORDER BY player_id;
