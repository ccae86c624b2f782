-- CSV records read against the lines they were numbered from (they differ when a quoted value spans lines).
SELECT (SELECT count(*) FROM ql_src)::INTEGER AS recs, (SELECT count(*) FROM ql_lines)::INTEGER AS lines;
