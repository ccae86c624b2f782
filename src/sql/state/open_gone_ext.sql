-- Before state/extend.sql closes the continued pairs' open rows: their counts join state_open_gone, from the values
-- state/touched.sql read with them (no second pass over state_current). A moved player's rows are all there already
-- (state/open_gone.sql).
CREATE OR REPLACE TEMP VIEW state_open_leaving AS
SELECT quest_id, cur_bucket AS bucket, cur_pair_build AS pair_build, cur_pair_platform AS pair_platform,
  cur_own_build AS own_build, cur_own_platform AS own_platform, cur_seen AS seen
FROM state_ext
WHERE cur_from IS NOT NULL AND player_id NOT IN (SELECT player_id FROM state_moved);

INSERT INTO state_open_gone
SELECT * FROM ql_open_counts('state_open_leaving');

DROP VIEW state_open_leaving;
