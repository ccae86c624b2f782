-- Merges state_seen into player_first: new players, and earlier first sightings (a late file) of known ones.
-- The known players whose first sighting moves earlier: their open state rows carry it (state/own_values.sql).
-- One pass over player_first finds the night's known players (state_seen_known); the rest reads that small table,
-- and so does state/open_values.sql (state_seen_merged: the night's players' first sightings once merged).
CREATE OR REPLACE TEMP TABLE state_seen_known AS
SELECT p.rowid AS row_id, s.player_id, s.first_seen < p.first_seen AS earlier, p.first_seen
FROM main.player_first p
JOIN state_seen s ON p.player_id = s.player_id;

CREATE OR REPLACE TEMP TABLE state_moved AS
SELECT player_id FROM state_seen_known WHERE earlier;

DELETE FROM main.player_first
WHERE rowid IN (SELECT row_id FROM state_seen_known WHERE earlier);

INSERT INTO main.player_first
SELECT s.player_id, s.first_seen
FROM state_seen s
ANTI JOIN (SELECT * FROM state_seen_known WHERE NOT earlier) k ON k.player_id = s.player_id;

CREATE OR REPLACE TEMP TABLE state_seen_merged AS
SELECT s.player_id, CASE WHEN k.earlier = false THEN k.first_seen ELSE s.first_seen END AS first_seen
FROM state_seen s
LEFT JOIN state_seen_known k ON k.player_id = s.player_id;

DROP TABLE state_seen_known;
