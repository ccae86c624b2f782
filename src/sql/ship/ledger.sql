-- The local ledger as the cluster must mirror it: each file with events, its identity (content hash and ingest time:
-- a recreated database reuses file ids, never both) and its event count.
SELECT f.file_id, f.content_hash || '@' || f.ingested_at::VARCHAR AS identity, e.n::DOUBLE AS events
FROM files f
JOIN (SELECT file_id, count(*) AS n FROM events GROUP BY file_id) e USING (file_id)
ORDER BY f.file_id;
