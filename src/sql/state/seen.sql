-- First sighting per player in the files after $after (all files when $after is below every id).
CREATE OR REPLACE TEMP TABLE state_seen AS
SELECT player_id, min(first_seen) AS first_seen
FROM main.file_players
WHERE file_id > $after
GROUP BY player_id;
