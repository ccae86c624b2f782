-- Writes state_step: the continued pairs' previous open state closes at their first new event, their new closed
-- intervals are appended (under this refresh's number: state_meta counts it once the refresh is done), and their
-- open row in state_current is replaced (with the pair's segment values from pair_first and the player's own from
-- player_values and player_first, merged before the state).
INSERT INTO main.state_intervals
SELECT player_id, quest_id, cur_from, first_ts, cur_bucket, cur_seconds, cur_attempts, cur_anomaly, NULL, m.refreshes + 1
FROM state_ext, main.state_meta m
WHERE cur_from IS NOT NULL
UNION ALL
SELECT player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, NULL, m.refreshes + 1
FROM state_step, main.state_meta m
WHERE valid_to IS NOT NULL;

DELETE FROM main.state_current c
USING (SELECT player_id, quest_id FROM state_ext WHERE cur_from IS NOT NULL) e
WHERE c.player_id = e.player_id AND c.quest_id = e.quest_id;

INSERT INTO main.state_current
SELECT s.player_id, s.quest_id, s.valid_from, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.last_accept,
  pf.build, pf.platform, v.build, v.platform, f.first_seen
FROM state_step s
LEFT JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
LEFT JOIN main.player_values v ON v.player_id = s.player_id
LEFT JOIN main.player_first f ON f.player_id = s.player_id
WHERE s.valid_to IS NULL;
