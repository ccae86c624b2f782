-- Records DuckDB's CSV reader refused as longer than its line buffer.
SELECT count(*)::INTEGER AS n FROM ql_csv_rejects WHERE error_type = 'LINE SIZE OVER MAXIMUM';
