-- redo_pairs.sql when every player with events is recomputed (a first build: state_redo holds them all, see
-- redo_everyone.sql): every pair state/firsts_all.sql just wrote, with no semi-join against state_redo.
CREATE OR REPLACE TEMP TABLE state_redo_pairs AS
SELECT row_number() OVER ()::INTEGER AS k, player_id, quest_id
FROM main.pair_first;
