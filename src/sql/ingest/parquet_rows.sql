-- The Parquet fast path's per-file summary: the rows each file holds, from its footer. Rows go straight into events
-- (numbered by file_row_number) and the file is clean when every row loaded (see ingest_fast_loaded.sql).
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT b.file_id, b.idx, 0 AS first, 0 AS header, coalesce(m.n, 0) AS expected, NULL::BOOLEAN AS clean
FROM ql_batch b LEFT JOIN (
  SELECT file_name, sum(num_rows) AS n FROM parquet_file_metadata($paths) GROUP BY file_name
) m ON m.file_name = b.path;
