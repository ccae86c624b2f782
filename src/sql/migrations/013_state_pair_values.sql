-- Version 13: each open state row carries its pair's segment values (the build and platform of the pair's first event,
-- as in pair_first), so a snapshot's segment pass reads the state without joining pair_first on two keys (the join
-- was a fifth of the pass at 10M events). The state refresh writes them with every row (state/current.sql,
-- state/extend.sql): a pair's first event changes only with an event not later than its state, which recomputes
-- the player.
ALTER TABLE state_current ADD COLUMN pair_build VARCHAR;
ALTER TABLE state_current ADD COLUMN pair_platform VARCHAR;

UPDATE state_current c
SET pair_build = pf.build, pair_platform = pf.platform
FROM pair_first pf
WHERE pf.player_id = c.player_id AND pf.quest_id = c.quest_id;
