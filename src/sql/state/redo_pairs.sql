-- The (player, quest) pairs of the players in state_redo, each with the INTEGER key the interval rules partition by
-- (macros.sql): pair_first has one row per pair with events, written for this refresh's files before the recompute
-- (state/pairs_merge.sql or pairs_night.sql).
CREATE OR REPLACE TEMP TABLE state_redo_pairs AS
SELECT row_number() OVER ()::INTEGER AS k, player_id, quest_id
FROM main.pair_first
WHERE player_id IN (SELECT player_id FROM state_redo);
