-- Whether DuckDB's records agree with the lines record_lines.sql numbered them from: as many records as record
-- starts, every refusal on a record's start, and each record holding one line break per line it continues onto
-- (first_bad: the first record that does not).
SELECT (SELECT count(*) FROM ql_src)::INTEGER AS recs, (SELECT count(*) FROM ql_lines)::INTEGER AS lines,
  (SELECT count(*) FROM ql_reader_rejects WHERE line IS NULL OR line IN (SELECT line FROM ql_cont))::INTEGER AS unplaced,
  (SELECT min(l.line) FROM ql_rec_breaks b JOIN ql_lines l USING (ql_rec)
     LEFT JOIN (SELECT start, any_value(n) AS n FROM ql_cont GROUP BY start) c ON c.start = l.line
   WHERE b.breaks <> coalesce(c.n, 0))::BIGINT AS first_bad;
