-- What the NDJSON fast path loaded per clean file, counted from the staged rows (ql_read, with each row's hash h from
-- the staged read) rather than read back from the batch's events as fast_loaded.sql does: the uncommitted events were
-- mostly scanned by one thread and hashed again, ~2x the CPU at 1M events (bench/results/issue13/NOTES.md, round 11).
-- A clean file's staged rows are exactly its events (fast_events.sql inserts all of them, each with the same values).
-- Exact duplicates in two steps, as in fast_loaded.sql: rows grouped on their hash, then only the rows of a hash group
-- holding more than one row grouped on the columns themselves, so a hash collision cannot miscount.
CREATE OR REPLACE TEMP TABLE ql_loaded AS
WITH h AS MATERIALIZED (
  SELECT idx, h, count(*) AS n FROM ql_read WHERE idx IN (SELECT idx FROM ql_first WHERE clean) GROUP BY idx, h
), dup AS (
  SELECT r.idx, count(*) - 1 AS extra
  FROM ql_read r SEMI JOIN (SELECT idx, h FROM h WHERE n > 1) c ON r.idx = c.idx AND r.h = c.h
  GROUP BY r.idx, r.player_id, r.quest_id, r.status, r.ts
  HAVING count(*) > 1
)
SELECT f.file_id, t.n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
FROM (SELECT idx, sum(n) AS n FROM h GROUP BY idx) t
JOIN ql_first f USING (idx)
LEFT JOIN (SELECT idx, sum(extra) AS duplicates FROM dup GROUP BY idx) d USING (idx);

-- Files that are not clean (a row that is not a valid event, or rows that are not exactly the file's lines).
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT f.file_id FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.clean IS FALSE OR coalesce(l.n, 0) <> f.expected;
