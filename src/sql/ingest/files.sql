-- The batch's ledger rows. content_hash holds the file's identity (src/ingest/plan.ts identityOf): the sha256 of its
-- bytes, or for seed and mapped files a hash over the bytes' hash and what the path or config adds to its rows.
INSERT INTO files (file_id, path, content_hash, format, source, bytes, lines_read, loaded, rejected, ignored, ingested_at)
SELECT b.file_id, b.path, b.identity, b.format, b.source, b.bytes, c.lines_read, c.loaded, c.rejected, c.ignored,
  $at::TIMESTAMP
FROM ql_batch b JOIN ql_counts c USING (file_id)
ORDER BY b.file_id;
