-- Stores the refresh's open rows (state_open) in state_current with their segment values: the pair's build and
-- platform (pair_first) and the player's own (player_values, player_first), all merged before the state. Kept as
-- state_open_values for segment_completed (state/segment_completed.sql).
-- The night's pairs and players come from the merges (they read pair_first, player_values and player_first once),
-- the big tables are read only for recomputed players' other pairs, or players without new events, and then only
-- their rows (a semi join whose hash table holds those few): with plain outer joins DuckDB read every table again
-- and built its hash tables on player_values and player_first whole (estimating state_open as big as pair_first).
CREATE OR REPLACE TEMP TABLE state_open_values AS
WITH pf AS (
  -- The night's pairs' values as merged (state/pairs_merge.sql); pair_first is read only for the other pairs of
  -- recomputed players (none on most nights).
  SELECT player_id, quest_id, build, platform FROM state_pair_values
  UNION ALL
  SELECT p.player_id, p.quest_id, p.build, p.platform
  FROM main.pair_first p
  SEMI JOIN (
    SELECT player_id, quest_id FROM state_open
    EXCEPT
    SELECT player_id, quest_id FROM state_pair_values
  ) s ON s.player_id = p.player_id AND s.quest_id = p.quest_id
),
v AS (
  -- Likewise the players' own values (state/player_values.sql) and first sightings (state/players.sql).
  SELECT player_id, build, platform FROM state_values_merged
  UNION ALL
  SELECT player_id, build, platform
  FROM main.player_values
  WHERE player_id IN (SELECT player_id FROM state_open EXCEPT SELECT player_id FROM state_values_merged)
),
f AS (
  SELECT player_id, first_seen FROM state_seen_merged
  UNION ALL
  SELECT player_id, first_seen
  FROM main.player_first
  WHERE player_id IN (SELECT player_id FROM state_open EXCEPT SELECT player_id FROM state_seen_merged)
)
SELECT s.player_id, s.quest_id, s.valid_from, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.last_accept,
  pf.build AS pair_build, pf.platform AS pair_platform, v.build AS own_build, v.platform AS own_platform,
  f.first_seen AS seen
FROM state_open s
LEFT JOIN pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
LEFT JOIN v ON v.player_id = s.player_id
LEFT JOIN f ON f.player_id = s.player_id;

INSERT INTO main.state_current SELECT * FROM state_open_values;
