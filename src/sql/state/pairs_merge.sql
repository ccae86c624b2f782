-- Merges state_pairs into pair_first (see state/pairs.sql).
DELETE FROM main.pair_first p
USING state_pairs s
WHERE p.player_id = s.player_id AND p.quest_id = s.quest_id
  AND (s.first_ts, s.file_id, s.line) < (p.first_ts, p.file_id, p.line);

INSERT INTO main.pair_first
SELECT s.player_id, s.quest_id, s.first_ts, s.file_id, s.line, s.build, s.platform
FROM state_pairs s
WHERE NOT EXISTS (SELECT 1 FROM main.pair_first p WHERE p.player_id = s.player_id AND p.quest_id = s.quest_id);
