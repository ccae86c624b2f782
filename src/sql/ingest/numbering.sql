-- Files whose staged rows are not numbered 1..n without gaps (would mean the read did not keep file order).
SELECT file_id FROM ql_stage GROUP BY file_id HAVING max(line) <> count(*) OR min(line) <> 1 ORDER BY file_id;
