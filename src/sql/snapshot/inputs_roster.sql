-- Who counts for a snapshot with a roster (temp table snapshot_roster): exactly the roster, on every day; other
-- players' states are left out so that not_encountered = players - the buckets stays a count of roster players.
-- Their first sighting (seen, NULL if never seen) still gives their cohort.
CREATE OR REPLACE TEMP VIEW snapshot_players AS
SELECT r.player_id, NULL::TIMESTAMP AS first_seen, pf.first_seen AS seen
FROM snapshot_roster r
LEFT JOIN main.player_first pf ON pf.player_id = r.player_id;
CREATE OR REPLACE TEMP VIEW snapshot_closed AS
SELECT * FROM main.state_intervals
WHERE valid_to IS NOT NULL AND player_id IN (SELECT player_id FROM snapshot_roster);
CREATE OR REPLACE TEMP VIEW snapshot_current AS
SELECT * FROM main.state_current WHERE player_id IN (SELECT player_id FROM snapshot_roster);
CREATE OR REPLACE TEMP VIEW snapshot_values AS
SELECT * FROM main.player_values WHERE player_id IN (SELECT player_id FROM snapshot_roster);
