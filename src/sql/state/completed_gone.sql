-- Before a refresh deletes or rewrites any open row: the segment_completed rows (quest, dimension, value) holding a
-- completed row of a player about to be recomputed (state_redo) or whose own values move (state_moved). Those rows
-- may go or change value, and a minimum or maximum cannot be taken back, so state/segment_completed.sql sums these
-- again from the state. A table: the rows are read twice, and they are few (a late night's recomputed players').
CREATE OR REPLACE TEMP TABLE state_completed_leaving AS
SELECT *
FROM main.state_current
WHERE bucket = 'completed'::quest_status
  AND player_id IN (SELECT player_id FROM state_redo UNION SELECT player_id FROM state_moved);

CREATE OR REPLACE TEMP TABLE state_completed_gone AS
SELECT DISTINCT quest_id, dimension, value, cohort_key FROM ql_completed_sums('state_completed_leaving');

-- Their completion times, per quantile group (state/quantiles_gone.sql compares them with the times written back).
CREATE OR REPLACE TEMP TABLE state_times_gone AS
SELECT quest_id, pair_build, pair_platform, ql_cohort_key(seen) AS cohort_key, completion_seconds
FROM state_completed_leaving
WHERE completion_seconds IS NOT NULL;

DROP TABLE state_completed_leaving;
