-- The events loaded since the state was last refreshed (file ids only grow; zone maps skip the older row groups),
-- exact duplicates once.
CREATE OR REPLACE TEMP TABLE state_new AS
SELECT DISTINCT player_id, quest_id, status, ts
FROM main.events
WHERE file_id > $after;
