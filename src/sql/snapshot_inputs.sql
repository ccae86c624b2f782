-- Who counts for a snapshot without a roster: every player seen in any log, from the first time they were seen.
CREATE OR REPLACE TEMP VIEW snapshot_players AS
SELECT player_id, min(first_seen) AS first_seen FROM main.file_players GROUP BY player_id;
CREATE OR REPLACE TEMP VIEW snapshot_state AS
SELECT * FROM main.quest_state;
