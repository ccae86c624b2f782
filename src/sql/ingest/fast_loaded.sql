-- What the fast path loaded per file, read back from events (the batch's ids are $lo..$hi, so zone maps skip every
-- older row group). Exact duplicates in two steps: the events grouped on a hash of (player, quest, status, time), then
-- only the rows whose hash group holds more than one row grouped on the columns themselves. Every row of a true
-- duplicate group shares its hash, so the second step sees all of them, and a hash collision only adds candidates
-- that the exact grouping tells apart: the count is exact. Grouping every row on the columns (the one-step way) cost
-- ~2x the CPU at 1M events (bench/results/issue13/NOTES.md); a grouped count(DISTINCT) costs ~3x more.
CREATE OR REPLACE TEMP TABLE ql_loaded AS
WITH h AS MATERIALIZED (
  SELECT file_id, hash(player_id, quest_id, status, ts) AS h, count(*) AS n
  FROM events WHERE file_id BETWEEN $lo AND $hi GROUP BY file_id, h
), dup AS (
  SELECT e.file_id, count(*) - 1 AS extra
  FROM events e SEMI JOIN (SELECT file_id, h FROM h WHERE n > 1) c
    ON e.file_id = c.file_id AND hash(e.player_id, e.quest_id, e.status, e.ts) = c.h
  WHERE e.file_id BETWEEN $lo AND $hi
  GROUP BY e.file_id, e.player_id, e.quest_id, e.status, e.ts
  HAVING count(*) > 1
)
SELECT file_id, n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
FROM (SELECT file_id, sum(n) AS n FROM h GROUP BY file_id) t
LEFT JOIN (SELECT file_id, sum(extra) AS duplicates FROM dup GROUP BY file_id) d USING (file_id);

-- Files that are not clean: a row that is not a valid event, or (Parquet) rows that did not all load.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT f.file_id FROM ql_first f LEFT JOIN ql_loaded l USING (file_id)
WHERE f.clean IS FALSE OR coalesce(l.n, 0) <> f.expected;
