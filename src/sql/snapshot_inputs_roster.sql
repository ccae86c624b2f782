-- Who counts for a snapshot with a roster (temp table snapshot_roster): exactly the roster, on every day; other
-- players' states are left out so that not_encountered = players - the buckets stays a count of roster players.
CREATE OR REPLACE TEMP VIEW snapshot_players AS
SELECT player_id, NULL::TIMESTAMP AS first_seen FROM snapshot_roster;
CREATE OR REPLACE TEMP VIEW snapshot_state AS
SELECT * FROM main.quest_state WHERE player_id IN (SELECT player_id FROM snapshot_roster);
