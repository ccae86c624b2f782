-- Keeps segment_completed (migration 015) equal to ql_completed_sums over state_current after an incremental
-- refresh: the rows that lost or moved a completion (state_completed_gone) are summed again from the state (their
-- quests' completed rows), and the refresh's other completed rows (state_completed_rows) are added to theirs
-- (test/segment-completed.test.ts).
DELETE FROM main.segment_completed k
USING state_completed_gone g
WHERE k.quest_id = g.quest_id AND k.dimension = g.dimension AND k.value IS NOT DISTINCT FROM g.value
  AND k.cohort_key IS NOT DISTINCT FROM g.cohort_key;

CREATE OR REPLACE TEMP VIEW state_completed_regroup AS
SELECT *
FROM main.state_current
WHERE bucket = 'completed'::quest_status AND quest_id IN (SELECT quest_id FROM state_completed_gone);

INSERT INTO main.segment_completed
SELECT r.*
FROM ql_completed_sums('state_completed_regroup') r
SEMI JOIN state_completed_gone g ON r.quest_id = g.quest_id AND r.dimension = g.dimension AND r.value IS NOT DISTINCT FROM g.value
  AND r.cohort_key IS NOT DISTINCT FROM g.cohort_key;

-- The other new rows, summed (a row just summed again already has them).
CREATE OR REPLACE TEMP TABLE state_completed_new AS
SELECT n.*
FROM ql_completed_sums('state_completed_rows') n
ANTI JOIN state_completed_gone g ON n.quest_id = g.quest_id AND n.dimension = g.dimension AND n.value IS NOT DISTINCT FROM g.value
  AND n.cohort_key IS NOT DISTINCT FROM g.cohort_key;

UPDATE main.segment_completed k
SET completed = k.completed + n.completed,
  seconds_n = k.seconds_n + n.seconds_n,
  seconds_sum = k.seconds_sum + n.seconds_sum,
  seconds_min = least(k.seconds_min, n.seconds_min),
  seconds_max = greatest(k.seconds_max, n.seconds_max),
  attempts_sum = k.attempts_sum + n.attempts_sum,
  anomalies = k.anomalies + n.anomalies,
  last_from = greatest(k.last_from, n.last_from)
FROM state_completed_new n
WHERE k.quest_id = n.quest_id AND k.dimension = n.dimension AND k.value IS NOT DISTINCT FROM n.value
  AND k.cohort_key IS NOT DISTINCT FROM n.cohort_key;

INSERT INTO main.segment_completed
SELECT n.*
FROM state_completed_new n
ANTI JOIN main.segment_completed k ON k.quest_id = n.quest_id AND k.dimension = n.dimension AND k.value IS NOT DISTINCT FROM n.value
  AND k.cohort_key IS NOT DISTINCT FROM n.cohort_key;

DROP VIEW state_completed_regroup;
