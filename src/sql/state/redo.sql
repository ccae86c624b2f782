-- Players whose state is recomputed from all their events (quest_state.sql), all others being continued from
-- state_current: those with a new event not later than the state they had on that quest (late data, or a duplicate of
-- an old event: the order it takes among the old ones is only known from all of them), and dirty players not seen in
-- any new file (their events were removed).
CREATE OR REPLACE TEMP TABLE state_redo AS
SELECT player_id FROM state_touched WHERE first_ts <= cur_from
UNION
(
  SELECT player_id FROM main.dirty_players
  EXCEPT
  SELECT player_id FROM main.file_players WHERE file_id > $after
  EXCEPT
  SELECT player_id FROM state_new
);
