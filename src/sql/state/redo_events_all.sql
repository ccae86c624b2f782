-- redo_events.sql when every player with events is recomputed (a first build, or a state with no known starting
-- point): all events, exact duplicates once, with no semi-join against state_redo (~7% of a 1M-event rebuild).
CREATE OR REPLACE TEMP VIEW state_redo_events AS
SELECT DISTINCT player_id, quest_id, status, ts
FROM events;
