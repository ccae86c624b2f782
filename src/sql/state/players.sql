-- Merges state_seen into player_first: new players, and earlier first sightings (a late file) of known ones.
-- The known players whose first sighting moves earlier: their open state rows carry it (state/own_values.sql).
CREATE OR REPLACE TEMP TABLE state_moved AS
SELECT s.player_id
FROM state_seen s
JOIN main.player_first p ON p.player_id = s.player_id
WHERE s.first_seen < p.first_seen;

DELETE FROM main.player_first p
USING state_seen s
WHERE p.player_id = s.player_id AND s.first_seen < p.first_seen;

INSERT INTO main.player_first
SELECT s.player_id, s.first_seen
FROM state_seen s
WHERE NOT EXISTS (SELECT 1 FROM main.player_first p WHERE p.player_id = s.player_id);
