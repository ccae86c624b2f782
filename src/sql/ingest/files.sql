-- The batch's ledger rows.
INSERT INTO files (file_id, path, content_hash, identity, format, source, bytes, lines_read, loaded, rejected, ignored, ingested_at)
SELECT b.file_id, b.path, b.hash, b.identity, b.format, b.source, b.bytes, c.lines_read, c.loaded, c.rejected, c.ignored,
  $at::TIMESTAMP
FROM ql_batch b JOIN ql_counts c USING (file_id)
ORDER BY b.file_id;
