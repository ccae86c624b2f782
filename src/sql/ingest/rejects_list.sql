-- Quarantined lines for `questlog rejects`, in file then line order.
SELECT f.path AS file, r.line::BIGINT AS line, r.reason, r.raw
FROM rejects r JOIN files f USING (file_id)
WHERE $path::VARCHAR IS NULL OR f.path = $path::VARCHAR
ORDER BY f.path, r.line, r.reason
LIMIT $limit;
