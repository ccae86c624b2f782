-- Keeps survival_kept (migration 017) equal to ql_survival_fixed over state_current after an incremental refresh: the
-- observations of the rows that left (survival_gone) are taken back and those of the refresh's new open rows
-- (state_open_values) added. Times left with no attempt go, as a rebuild has none (test/survival-kept.test.ts).
CREATE OR REPLACE TEMP TABLE survival_kept_delta AS
SELECT quest_id, t, sum(completed)::BIGINT AS completed, sum(censored)::BIGINT AS censored
FROM (
  SELECT * FROM ql_survival_fixed('state_open_values')
  UNION ALL
  SELECT quest_id, t, -completed, -censored FROM survival_gone
)
GROUP BY ALL
HAVING sum(completed) <> 0 OR sum(censored) <> 0;

UPDATE main.survival_kept k
SET completed = k.completed + d.completed, censored = k.censored + d.censored
FROM survival_kept_delta d
WHERE k.quest_id = d.quest_id AND k.t = d.t;

INSERT INTO main.survival_kept
SELECT d.*
FROM survival_kept_delta d
ANTI JOIN main.survival_kept k ON k.quest_id = d.quest_id AND k.t = d.t;

DELETE FROM main.survival_kept WHERE completed = 0 AND censored = 0;

DROP TABLE survival_kept_delta;
DROP TABLE survival_gone;
