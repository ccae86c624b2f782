-- After state/open_values.sql, when pairs were continued (state_ext): the counts of the open rows state/extend.sql
-- closed join state_open_gone. Their group is their new open row's (a continued pair keeps its first event, and a
-- player whose own values moved is all in state_open_gone already), under the bucket they had (cur_bucket): no pass
-- over state_current for the old rows' values.
CREATE OR REPLACE TEMP VIEW state_open_leaving AS
SELECT o.quest_id, e.cur_bucket AS bucket, o.pair_build, o.pair_platform, o.own_build, o.own_platform, o.seen
FROM state_ext e
JOIN state_open_values o ON o.player_id = e.player_id AND o.quest_id = e.quest_id
WHERE e.cur_from IS NOT NULL AND e.player_id NOT IN (SELECT player_id FROM state_moved);

INSERT INTO state_open_gone
SELECT * FROM ql_open_counts('state_open_leaving');

DROP VIEW state_open_leaving;
