-- The batch's files the fast path could not load cleanly.
SELECT file_id FROM ql_unclean ORDER BY file_id;
