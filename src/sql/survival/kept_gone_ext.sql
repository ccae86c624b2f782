-- When pairs were continued (state_ext): the kept observations of the open rows state/extend.sql closed join
-- survival_gone, from the pair's state before the refresh as state_ext holds it (cur_*). A continued pair was never
-- completed (completed is absorbing), so these are abandoned or failed attempts censored at their end.
CREATE OR REPLACE TEMP VIEW survival_leaving AS
SELECT quest_id, cur_bucket AS bucket, cur_from AS valid_from, cur_seconds AS completion_seconds,
  cur_last_accept AS last_accept
FROM state_ext
WHERE cur_from IS NOT NULL;

INSERT INTO survival_gone
SELECT * FROM ql_survival_fixed('survival_leaving');

DROP VIEW survival_leaving;
