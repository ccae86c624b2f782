-- The batch's first ledger id.
SELECT min(file_id) AS id FROM ql_batch;
