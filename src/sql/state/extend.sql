-- Writes state_step: the continued pairs' previous open state closes at their first new event, their new closed
-- intervals are appended (under this refresh's number: state_meta counts it once the refresh is done), and their
-- open row in state_current is deleted; the new one is gathered in state_open (state/open_values.sql stores it).
INSERT INTO main.state_intervals
SELECT player_id, quest_id, cur_from, first_ts, cur_bucket, cur_seconds, cur_attempts, cur_anomaly, NULL, m.refreshes + 1
FROM state_ext, main.state_meta m
WHERE cur_from IS NOT NULL
UNION ALL
SELECT player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, NULL, m.refreshes + 1
FROM state_step, main.state_meta m
WHERE valid_to IS NOT NULL;

-- By place (state/touched.sql read it): a join on the pair would read every row's player and quest again.
DELETE FROM main.state_current
WHERE rowid IN (SELECT cur_row FROM state_ext WHERE cur_from IS NOT NULL);

INSERT INTO state_open
SELECT player_id, quest_id, valid_from, bucket, completion_seconds, attempts, anomaly, last_accept
FROM state_step
WHERE valid_to IS NULL;
