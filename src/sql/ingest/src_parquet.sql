-- A Parquet file's rows, numbered from 1 (Parquet has no text lines: its row number is the line).
CREATE OR REPLACE TEMP TABLE ql_src AS
SELECT file_row_number + 1 AS ql_line, * EXCLUDE (file_row_number)
FROM read_parquet($path, file_row_number = true);
