-- Who counts for a snapshot with a roster (temp table snapshot_roster): exactly the roster, on every day; other
-- players' states are left out so that not_encountered = players - the buckets stays a count of roster players.
CREATE OR REPLACE TEMP VIEW snapshot_players AS
SELECT player_id, NULL::TIMESTAMP AS first_seen FROM snapshot_roster;
CREATE OR REPLACE TEMP VIEW snapshot_closed AS
SELECT * FROM main.state_intervals
WHERE valid_to IS NOT NULL AND player_id IN (SELECT player_id FROM snapshot_roster);
CREATE OR REPLACE TEMP VIEW snapshot_current AS
SELECT * FROM main.state_current WHERE player_id IN (SELECT player_id FROM snapshot_roster);
