-- The batch's per-file counts, by ledger id.
SELECT * FROM ql_counts ORDER BY file_id;
