-- Every physical line of the batch's text files, numbered from 1 per file as editors do. Blank lines are kept (as
-- NULL) so the numbers stay true; '\r\n' as new_line also accepts lone '\n', so CRLF, LF and mixed files all number
-- correctly. The 4-byte delimiter never occurs in text logs, so each line is one column; quoting is off so nothing is
-- parsed. The read keeps file order (preserve_insertion_order is on while staging), so a line's number is its rowid
-- minus the first rowid of its file; ingest checks every file's rows are contiguous. Single-threaded within a file:
-- DuckDB's parallel reader refused some files of more than 16 MiB read this way ("does not support a full read on
-- this file", duckdb/duckdb#24237: a 1M-row mapped CSV export could not load), and was no faster on the sample's
-- 544 session files, four 36 MB NDJSON or four 15 MB CSV files (bench/results/issue14/NOTES.md, round 9).
CREATE OR REPLACE TEMP TABLE ql_read AS
SELECT filename, raw
FROM read_csv($paths, columns = {'raw': 'VARCHAR'}, delim = E'\x01\x02\x03\x04', quote = '', escape = '',
  header = false, auto_detect = false, new_line = '\r\n', strict_mode = false, max_line_size = $max_line,
  filename = true, parallel = false);

CREATE OR REPLACE TEMP TABLE ql_raw AS
WITH f AS (SELECT filename, min(rowid) AS first FROM ql_read GROUP BY filename)
SELECT b.file_id, r.rowid - f.first + 1 AS line, r.raw
FROM ql_read r JOIN f USING (filename) JOIN ql_batch b ON b.path = r.filename;
