CREATE OR REPLACE TEMP VIEW v AS SELECT DISTINCT player_id, quest_id, status, ts, NULL::INTEGER AS cur_attempts, NULL::TIMESTAMP AS cur_last_accept FROM events;
CREATE OR REPLACE TEMP MACRO ql_state_intervals(input) AS TABLE
SELECT player_id, quest_id, ts AS valid_from, lead(ts) OVER w AS valid_to, status AS bucket, NULL::DOUBLE AS completion_seconds, 0 AS attempts, false AS anomaly, NULL::TIMESTAMP AS last_accept
FROM query_table(input) WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status);
