-- CSV records read against the lines they were numbered from (they differ when a quoted value spans lines), and the
-- records refused over their quotes (one may run to the end of the file).
SELECT (SELECT count(*) FROM ql_src)::INTEGER AS recs, (SELECT count(*) FROM ql_lines)::INTEGER AS lines,
  (SELECT count(*) FROM ql_reader_rejects WHERE quote_error)::INTEGER AS quotes;
