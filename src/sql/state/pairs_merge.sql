-- Merges state_pairs into pair_first (see state/pairs.sql): new pairs, and pairs whose first event came in a late
-- file. One pass over pair_first finds the night's pairs it holds (state_pairs_known: each row's place and whether
-- the new first event is earlier, and its values); the delete and the insert then read that small table, not
-- pair_first again, and so does state/open_values.sql (state_pair_values: the night's pairs' values once merged).
CREATE OR REPLACE TEMP TABLE state_pairs_known AS
SELECT p.rowid AS row_id, s.player_id, s.quest_id,
  (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line) AS earlier, p.build, p.platform
FROM main.pair_first p
JOIN state_pairs s ON p.player_id = s.player_id AND p.quest_id = s.quest_id;

DELETE FROM main.pair_first
WHERE rowid IN (SELECT row_id FROM state_pairs_known WHERE earlier);

INSERT INTO main.pair_first
SELECT s.player_id, s.quest_id, s.first_ts, s.file_id, s.line, s.build, s.platform
FROM state_pairs s
ANTI JOIN (SELECT * FROM state_pairs_known WHERE NOT earlier) k ON k.player_id = s.player_id AND k.quest_id = s.quest_id;

CREATE OR REPLACE TEMP TABLE state_pair_values AS
SELECT s.player_id, s.quest_id,
  CASE WHEN k.earlier = false THEN k.build ELSE s.build END AS build,
  CASE WHEN k.earlier = false THEN k.platform ELSE s.platform END AS platform
FROM state_pairs s
LEFT JOIN state_pairs_known k ON k.player_id = s.player_id AND k.quest_id = s.quest_id;

DROP TABLE state_pairs_known;
