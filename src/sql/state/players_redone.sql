-- Players whose state this refresh recomputed or continued.
SELECT count(*)::INTEGER AS n FROM (SELECT player_id FROM state_redo UNION SELECT player_id FROM state_ext);
