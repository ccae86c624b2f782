-- state/pairs_merge.sql on a night continued from the state (state_touched holds each new pair's current row, read
-- before the merge), without reading pair_first for most pairs. pair_first and state_current both hold every pair
-- with events, and an open row carries its pair_first values (state/open_values.sql; a pair's first event moves only
-- with a new event before its state, which recomputes its player). So a pair whose new events all come after its
-- open row keeps its pair_first row and values (cur_build, cur_platform); a pair without an open row is new and is
-- inserted; pair_first is read only for the pairs with a new event not later than their state (players about to be
-- recomputed: none on most nights), as pairs_merge.sql reads it for all.
CREATE OR REPLACE TEMP TABLE state_pairs_known AS
SELECT p.rowid AS row_id, s.player_id, s.quest_id,
  (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line) AS earlier, p.build, p.platform
FROM main.pair_first p
JOIN (
  SELECT s.*
  FROM state_pairs s
  SEMI JOIN state_touched t ON t.player_id = s.player_id AND t.quest_id = s.quest_id AND t.first_ts <= t.cur_from
) s ON p.player_id = s.player_id AND p.quest_id = s.quest_id;

DELETE FROM main.pair_first
WHERE rowid IN (SELECT row_id FROM state_pairs_known WHERE earlier);

CREATE OR REPLACE TEMP TABLE state_pair_values AS
SELECT s.*,
  CASE WHEN t.first_ts > t.cur_from THEN t.cur_build WHEN k.earlier = false THEN k.build ELSE s.build END
    AS kept_build,
  CASE WHEN t.first_ts > t.cur_from THEN t.cur_platform WHEN k.earlier = false THEN k.platform ELSE s.platform END
    AS kept_platform,
  -- Inserted: a new pair, or one whose first event this night's files moved earlier (or that pair_first lacked).
  t.cur_from IS NULL OR (t.first_ts <= t.cur_from AND k.earlier IS DISTINCT FROM false) AS insert
FROM state_pairs s
JOIN state_touched t ON t.player_id = s.player_id AND t.quest_id = s.quest_id
LEFT JOIN state_pairs_known k ON k.player_id = s.player_id AND k.quest_id = s.quest_id;

INSERT INTO main.pair_first
SELECT player_id, quest_id, first_ts, file_id, line, build, platform
FROM state_pair_values
WHERE insert;

CREATE OR REPLACE TEMP TABLE state_pair_values AS
SELECT player_id, quest_id, kept_build AS build, kept_platform AS platform FROM state_pair_values;

DROP TABLE state_pairs_known;
