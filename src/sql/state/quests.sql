-- Merges the first event per quest of the files after $after into quest_first (all files when $after is below every id).
INSERT INTO main.quest_first
SELECT quest_id, min(ts) AS first_seen
FROM main.events
WHERE file_id > $after
GROUP BY quest_id
ON CONFLICT (quest_id) DO UPDATE SET first_seen = least(first_seen, excluded.first_seen);
