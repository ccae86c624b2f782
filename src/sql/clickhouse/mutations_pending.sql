-- Mutations of questlog's tables on this shard that have not finished.
SELECT table, mutation_id, parts_to_do
FROM system.mutations
WHERE database = {db_name} AND is_done = 0
ORDER BY table, mutation_id
