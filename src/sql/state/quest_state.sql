-- Recomputes the intervals of the players in state_redo from all their events (redo_events.sql; their old rows are
-- deleted first, in the same transaction), by the rules in macros.sql. The open rows (valid_to NULL) are then copied
-- to state_current (state_current.sql), found by $refresh.
INSERT INTO state_intervals
SELECT *, $refresh AS refresh
FROM ql_state_intervals('state_redo_events', 'state_nothing_carried');
