-- Recomputes the intervals of the players in state_redo from all their events (redo_events.sql; their old rows are
-- deleted first, in the same transaction), by the rules in macros.sql, each pair's player and quest joined back by its
-- key. The open rows (valid_to NULL) are then copied to state_current (state_current.sql), found by $refresh.
INSERT INTO state_intervals
SELECT p.player_id, p.quest_id, s.valid_from, s.valid_to, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
  s.last_accept, $refresh AS refresh
FROM ql_state_intervals('state_redo_events', 'state_nothing_carried') s
JOIN state_redo_pairs p ON p.k = s.k;
