-- What each clean file of a fast batch contributed: every row an event, plus the header line (ignored) for CSV.
CREATE OR REPLACE TEMP TABLE ql_counts AS
SELECT f.file_id, (coalesce(l.n, 0) + f.header)::BIGINT AS lines_read, coalesce(l.n, 0)::BIGINT AS loaded,
  0::BIGINT AS rejected, f.header::BIGINT AS ignored, 0::BIGINT AS unclassified,
  coalesce(l.duplicates, 0)::BIGINT AS duplicates
FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.file_id NOT IN (SELECT file_id FROM ql_unclean);
