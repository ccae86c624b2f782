-- One reason per line DuckDB's CSV reader refused (it may report several columns of one line; a record over the line
-- buffer has no column). `line` is DuckDB's: a record spanning several lines counts as one (record_lines.sql maps it
-- to the physical line when that matters).
CREATE OR REPLACE TEMP TABLE ql_reader_rejects AS
SELECT line::BIGINT AS line,
  CASE WHEN bool_or(error_type = 'UNQUOTED VALUE') THEN $stray
    WHEN bool_or(error_type = 'LINE SIZE OVER MAXIMUM') THEN $too_long
    ELSE regexp_replace(coalesce(arg_min(error_message, column_idx), any_value(error_message)),
      'Expected Number of Columns: (\d+) Found: (\d+)', 'wrong number of columns: expected \1, found \2') END AS reason,
  bool_or(error_type = 'UNQUOTED VALUE') AS quote_error
FROM ql_csv_rejects
GROUP BY line;
