-- What the fast path loaded per file, read back from events (the batch's ids are $lo..$hi, so zone maps skip every
-- older row group). Exact duplicates come from a plain two-level GROUP BY on the columns themselves: a grouped
-- count(DISTINCT) costs ~3x more; grouping on a hash of them was never cheaper (up to ~1.5x dearer on events loaded
-- from Parquet) and could merge two events whose hashes collide.
CREATE OR REPLACE TEMP TABLE ql_loaded AS
SELECT file_id, sum(n)::BIGINT AS n, sum(n - 1)::BIGINT AS duplicates FROM (
  SELECT file_id, player_id, quest_id, status, ts, count(*) AS n
  FROM events WHERE file_id BETWEEN $lo AND $hi GROUP BY file_id, player_id, quest_id, status, ts
) GROUP BY file_id;

-- Files that are not clean: a row that is not a valid event, or (Parquet) rows that did not all load.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT f.file_id FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.clean IS FALSE OR coalesce(l.n, 0) <> f.expected;
