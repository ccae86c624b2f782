-- The completed rows this refresh added to state_current or regrouped: the new open rows (state_open_values) and,
-- after state/own_values.sql, the other completed rows of players whose own values moved (state_moved), which now
-- sit under another group (most nights nobody's did: the join with an empty state_moved reads nothing).
-- state/segment_completed.sql adds them to the kept sums.
CREATE OR REPLACE TEMP TABLE state_completed_rows AS
SELECT * FROM state_open_values WHERE bucket = 'completed'::quest_status
UNION ALL
SELECT c.*
FROM main.state_current c
WHERE c.bucket = 'completed'::quest_status
  AND c.player_id IN (SELECT player_id FROM state_moved)
  AND NOT EXISTS (SELECT 1 FROM state_open_values o WHERE o.player_id = c.player_id AND o.quest_id = c.quest_id);
