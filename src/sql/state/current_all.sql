-- A rebuild's open rows (every player recomputed by state/quest_state.sql; state_current emptied for them) stored in
-- state_current with their segment values, read in place from state_intervals: not gathered in state_open
-- (state/current.sql) and copied again into state_open_values (state/open_values.sql), which only the incremental step
-- reads. The two copies cost ~1/3 of this step's CPU at 10M events (bench/results/issue13/NOTES.md, round 5).
-- The open rows as in state/current.sql: this refresh's rows with no end.
SET VARIABLE ql_state_refresh = $refresh;

CREATE OR REPLACE TEMP VIEW state_open_all AS
SELECT player_id, quest_id, valid_from, bucket, completion_seconds, attempts, anomaly, last_accept
FROM main.state_intervals
WHERE refresh = getvariable('ql_state_refresh') AND valid_to IS NULL;

INSERT INTO main.state_current SELECT * FROM ql_open_values('state_open_all');
