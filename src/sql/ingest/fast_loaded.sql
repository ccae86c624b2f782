-- What the fast path loaded per file, read back from events (the batch's ids are $lo..$hi, so zone maps skip every
-- older row group). Exact duplicates come from a plain two-level GROUP BY on the columns themselves: a grouped
-- count(DISTINCT) costs ~3x more; grouping on a hash of them was never cheaper (up to ~1.5x dearer on events loaded
-- from Parquet) and could merge two events whose hashes collide. The same pass finds each file's first and last line.
CREATE OR REPLACE TEMP TABLE ql_loaded AS
SELECT file_id, sum(n)::BIGINT AS n, sum(n - 1)::BIGINT AS duplicates, min(lo) AS lo, max(hi) AS hi FROM (
  SELECT file_id, player_id, quest_id, status, ts, count(*) AS n, min(line) AS lo, max(line) AS hi
  FROM events WHERE file_id BETWEEN $lo AND $hi GROUP BY file_id, player_id, quest_id, status, ts
) GROUP BY file_id;

-- Files that are not clean: a row that is not a valid event, or (Parquet, NDJSON) rows that did not all load, or did
-- not land on exactly the lines after the header (distinct line numbers, as many as expected, from the first to the
-- last: every line once).
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT f.file_id FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.clean IS FALSE OR coalesce(l.n, 0) <> f.expected
  OR (l.n > 0 AND (l.lo <> 1 + f.header OR l.hi <> f.expected + f.header));
