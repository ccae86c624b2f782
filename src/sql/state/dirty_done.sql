-- The dirty players' state is recomputed: none is left dirty.
DELETE FROM dirty_players;
