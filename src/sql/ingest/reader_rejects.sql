-- One reason per line DuckDB's CSV reader refused (it may report several columns of one line). `line` is DuckDB's: a
-- record spanning several lines counts as one (record_lines.sql maps it to the physical line when that matters).
CREATE OR REPLACE TEMP TABLE ql_reader_rejects AS
SELECT line::BIGINT AS line,
  CASE WHEN bool_or(error_type = 'UNQUOTED VALUE') THEN $stray
    ELSE regexp_replace(arg_min(error_message, column_idx), 'Expected Number of Columns: (\d+) Found: (\d+)',
      'wrong number of columns: expected \1, found \2') END AS reason,
  bool_or(error_type = 'UNQUOTED VALUE') AS quote_error
FROM ql_csv_rejects
GROUP BY line;
