-- The open rows this refresh writes (state/current.sql for recomputed players, state/extend.sql for continued pairs),
-- gathered before state/open_values.sql gives them their segment values and stores them: one writer of those values,
-- and the refresh's new completed rows in one place for segment_completed.
CREATE OR REPLACE TEMP TABLE state_open AS
SELECT player_id, quest_id, valid_from, bucket, completion_seconds, attempts, anomaly, last_accept
FROM main.state_current
LIMIT 0;
