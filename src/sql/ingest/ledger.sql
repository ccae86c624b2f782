-- The ledger's files, for planning which inputs are new, changed or already loaded.
SELECT file_id, path, content_hash FROM files ORDER BY file_id;
