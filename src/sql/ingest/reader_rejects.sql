-- One reason per line DuckDB's CSV reader refused (it may report several columns of one line).
CREATE OR REPLACE TEMP TABLE ql_reader_rejects AS
SELECT line::BIGINT AS line,
  regexp_replace(arg_min(error_message, column_idx), 'Expected Number of Columns: (\d+) Found: (\d+)',
    'wrong number of columns: expected \1, found \2') AS reason
FROM ql_csv_rejects
GROUP BY line;
