-- Keeps segment_open (migration 016) equal to ql_open_counts over state_current after an incremental refresh: the
-- rows that left a group (state_open_gone) are taken back and the rows this refresh wrote are added: its new open rows
-- (state_open_values) and every open row of a player whose own values moved (state_moved: all of them were taken
-- back). Groups left at zero go, as a rebuild has none (test/segment-open.test.ts).
CREATE OR REPLACE TEMP VIEW state_open_arriving AS
SELECT * FROM state_open_values WHERE player_id NOT IN (SELECT player_id FROM state_moved)
UNION ALL
SELECT * FROM main.state_current WHERE player_id IN (SELECT player_id FROM state_moved);

CREATE OR REPLACE TEMP TABLE state_open_delta AS
SELECT quest_id, dimension, value, cohort_key, bucket, sum(n)::BIGINT AS n
FROM (
  SELECT * FROM ql_open_counts('state_open_arriving')
  UNION ALL
  SELECT quest_id, dimension, value, cohort_key, bucket, -n FROM state_open_gone
)
GROUP BY ALL
HAVING sum(n) <> 0;

UPDATE main.segment_open k
SET n = k.n + d.n
FROM state_open_delta d
WHERE k.quest_id = d.quest_id AND k.dimension = d.dimension AND k.value IS NOT DISTINCT FROM d.value
  AND k.cohort_key IS NOT DISTINCT FROM d.cohort_key AND k.bucket IS NOT DISTINCT FROM d.bucket;

INSERT INTO main.segment_open
SELECT d.*
FROM state_open_delta d
ANTI JOIN main.segment_open k ON k.quest_id = d.quest_id AND k.dimension = d.dimension
  AND k.value IS NOT DISTINCT FROM d.value AND k.cohort_key IS NOT DISTINCT FROM d.cohort_key
  AND k.bucket IS NOT DISTINCT FROM d.bucket;

DELETE FROM main.segment_open WHERE n = 0;

DROP VIEW state_open_arriving;
