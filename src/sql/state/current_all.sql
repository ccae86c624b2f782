-- A rebuild's open rows (every player recomputed by state/quest_state.sql; state_current emptied for them) stored in
-- state_current with their segment values (the pair's build and platform from pair_first, the player's own from
-- player_values and player_first, all merged before the state), read in place from state_intervals: not gathered in
-- state_open (state/current.sql) and copied again into state_open_values (state/open_values.sql), which only the
-- incremental step reads, and which takes its values from the night's merges instead of these whole tables. The two
-- copies cost ~1/3 of this step's CPU at 10M events (bench/results/issue13/NOTES.md, round 5).
-- The open rows as in state/current.sql: this refresh's rows with no end.
INSERT INTO main.state_current
SELECT s.player_id, s.quest_id, s.valid_from, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.last_accept,
  pf.build AS pair_build, pf.platform AS pair_platform, v.build AS own_build, v.platform AS own_platform,
  f.first_seen AS seen
FROM main.state_intervals s
LEFT JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
LEFT JOIN main.player_values v ON v.player_id = s.player_id
LEFT JOIN main.player_first f ON f.player_id = s.player_id
WHERE s.refresh = $refresh AND s.valid_to IS NULL;
