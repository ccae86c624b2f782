CREATE TEMP TABLE pk AS SELECT player_id, row_number() OVER ()::INTEGER AS p FROM (SELECT DISTINCT player_id FROM events);
CREATE TEMP TABLE qk AS SELECT quest_id, row_number() OVER ()::INTEGER AS q FROM (SELECT DISTINCT quest_id FROM events);
CREATE TEMP TABLE ei AS SELECT p AS player_id, q AS quest_id, status, ts FROM events JOIN pk USING (player_id) JOIN qk USING (quest_id);
CREATE OR REPLACE TEMP VIEW v AS SELECT DISTINCT player_id, quest_id, status, ts, NULL::INTEGER AS cur_attempts, NULL::TIMESTAMP AS cur_last_accept FROM ei;
