-- Who counts for a snapshot without a roster: every player seen in any log, from the first time they were seen
-- (first_seen), which is also their first sighting (seen: the cohort of segments).
CREATE OR REPLACE TEMP VIEW snapshot_players AS
SELECT player_id, first_seen, first_seen AS seen FROM main.player_first;
-- The state as two parts: closed intervals, and each pair's open one (completed rows are always open).
CREATE OR REPLACE TEMP VIEW snapshot_closed AS
SELECT * FROM main.state_intervals WHERE valid_to IS NOT NULL;
CREATE OR REPLACE TEMP VIEW snapshot_current AS
SELECT * FROM main.state_current;
-- The players' own build and platform (their first quest event's): every player here counts (seen no later than that
-- event).
CREATE OR REPLACE TEMP VIEW snapshot_values AS
SELECT * FROM main.player_values;
