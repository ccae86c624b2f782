CREATE OR REPLACE TEMP VIEW v AS SELECT DISTINCT player_id, quest_id, status, ts, NULL::INTEGER AS cur_attempts, NULL::TIMESTAMP AS cur_last_accept FROM events;
