-- What the fast path loaded per file, read back from events (the batch's ids are $lo..$hi, so zone maps skip every
-- older row group); exact duplicates come from a plain two-level GROUP BY (a grouped count(DISTINCT) costs ~3x).
CREATE OR REPLACE TEMP TABLE ql_loaded AS
SELECT file_id, sum(n)::BIGINT AS n, sum(n - 1)::BIGINT AS duplicates FROM (
  SELECT file_id, hash(player_id, quest_id, status, ts) AS h, count(*) AS n
  FROM events WHERE file_id BETWEEN $lo AND $hi GROUP BY file_id, h
) GROUP BY file_id;

-- Files that are not clean: a row that is not a valid event, or (Parquet) rows that did not all load.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT f.file_id FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.clean IS FALSE OR coalesce(l.n, 0) <> f.expected;
