-- The quest catalogue the sample ships with: every quest but the ids only the logs know.
SELECT quest_id AS id, name, chain, sort_order AS "order"
FROM demo_quests
WHERE kind <> 'unknown'
ORDER BY sort_order;
