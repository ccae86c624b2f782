-- Merges the new files' first quest events into player_values, as state/pairs_merge.sql does for pairs: a player's
-- first quest event is the earlier of the one kept and the first among their new pairs (state_pairs), so a late file
-- that brings an earlier one replaces the row, and no player's pairs are grouped again. Ties at the same instant go to
-- the earlier file and line, as a rebuild picks them (ql_player_first_events, state/macros.sql).
CREATE OR REPLACE TEMP TABLE state_player_values AS
FROM ql_player_first_events('state_pairs');

-- The known players whose first quest event moves earlier: their open state rows carry its values. One pass over
-- player_values finds the night's known players (state_values_known); the rest reads that small table, and so does
-- state/open_values.sql (state_values_merged: the night's players' values once merged).
CREATE OR REPLACE TEMP TABLE state_values_known AS
SELECT p.rowid AS row_id, s.player_id, (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line) AS earlier,
  p.build, p.platform
FROM main.player_values p
JOIN state_player_values s ON p.player_id = s.player_id;

INSERT INTO state_moved
SELECT player_id FROM state_values_known WHERE earlier;

DELETE FROM main.player_values
WHERE rowid IN (SELECT row_id FROM state_values_known WHERE earlier);

INSERT INTO main.player_values
SELECT s.player_id, s.first_ts, s.file_id, s.line, s.build, s.platform
FROM state_player_values s
ANTI JOIN (SELECT * FROM state_values_known WHERE NOT earlier) k ON k.player_id = s.player_id;

CREATE OR REPLACE TEMP TABLE state_values_merged AS
SELECT s.player_id,
  CASE WHEN k.earlier = false THEN k.build ELSE s.build END AS build,
  CASE WHEN k.earlier = false THEN k.platform ELSE s.platform END AS platform
FROM state_player_values s
LEFT JOIN state_values_known k ON k.player_id = s.player_id;

DROP TABLE state_values_known;
