-- Before a refresh deletes or rewrites any open row: the counts (ql_open_counts) of the open rows other than completed
-- that leave their group, every such row of a player about to be recomputed (state_redo) or whose own values move
-- (state_moved); state/open_gone_ext.sql adds the continued pairs' rows. state/segment_open.sql takes them back from
-- segment_open (counts subtract exactly).
CREATE OR REPLACE TEMP VIEW state_open_leaving AS
SELECT *
FROM main.state_current
WHERE bucket <> 'completed'::quest_status
  AND player_id IN (SELECT player_id FROM state_redo UNION SELECT player_id FROM state_moved);

CREATE OR REPLACE TEMP TABLE state_open_gone AS
SELECT * FROM ql_open_counts('state_open_leaving');

DROP VIEW state_open_leaving;
