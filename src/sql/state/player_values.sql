-- Merges the new files' first quest events into player_values, as state/pairs_merge.sql does for pairs: a player's
-- first quest event is the earlier of the one kept and the first among their new pairs (state_pairs), so a late file
-- that brings an earlier one replaces the row, and no player's pairs are grouped again. Ties at the same instant go to
-- the earlier file and line, as a rebuild picks them. The key is one HUGEINT (arg_min over a struct cost several
-- times more on a rebuild's 67k players), exact while a file has under 2^33 lines.
CREATE OR REPLACE TEMP TABLE state_player_values AS
SELECT player_id, arg_min(first_ts, k) AS first_ts, arg_min(file_id, k) AS file_id, arg_min(line, k) AS line,
  arg_min(build, k) AS build, arg_min(platform, k) AS platform
FROM (
  SELECT player_id, first_ts, file_id, line, build, platform,
    epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k
  FROM state_pairs
)
GROUP BY player_id;

-- The known players whose first quest event moves earlier: their open state rows carry its values.
INSERT INTO state_moved
SELECT s.player_id
FROM state_player_values s
JOIN main.player_values p ON p.player_id = s.player_id
WHERE (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line);

DELETE FROM main.player_values p
USING state_player_values s
WHERE p.player_id = s.player_id AND (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line);

INSERT INTO main.player_values
SELECT s.player_id, s.first_ts, s.file_id, s.line, s.build, s.platform
FROM state_player_values s
WHERE NOT EXISTS (SELECT 1 FROM main.player_values p WHERE p.player_id = s.player_id);
