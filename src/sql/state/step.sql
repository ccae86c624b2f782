-- New intervals of the pairs continued from state_current: the rules of macros.sql over the new events only, seeded
-- with the attempts and latest acceptance the pair already had. A completed pair is left as it is (completed is
-- absorbing and every new event of it came later).
CREATE OR REPLACE TEMP TABLE state_ext AS
SELECT *, row_number() OVER ()::INTEGER AS k
FROM state_touched
WHERE (cur_from IS NULL OR (first_ts > cur_from AND cur_bucket <> 'completed'::quest_status))
  AND player_id NOT IN (SELECT player_id FROM state_redo);

-- state_ext holds one row per pair (state_touched's) with its key k, and the carried cur_attempts and cur_last_accept.
CREATE OR REPLACE TEMP VIEW state_ext_events AS
SELECT e.k, n.status, n.ts
FROM state_new n
JOIN state_ext e ON e.player_id = n.player_id AND e.quest_id = n.quest_id;

CREATE OR REPLACE TEMP TABLE state_step AS
SELECT e.player_id, e.quest_id, s.* EXCLUDE (k)
FROM ql_state_intervals('state_ext_events', 'state_ext') s
JOIN state_ext e ON e.k = s.k;
