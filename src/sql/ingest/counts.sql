-- What each file of the batch contributed; lines_read must equal loaded + rejected + ignored. A file with no rows
-- counts 0 (coalesce). Exact duplicates as in fast_loaded.sql: grouped on a hash first, then only the rows of hash
-- groups holding more than one row grouped on the columns, so a hash collision cannot count two events as one (a
-- grouped count(DISTINCT) costs ~3x more).
CREATE OR REPLACE TEMP TABLE ql_counts AS
WITH c AS (
  SELECT file_id, count(*) AS lines_read,
    count(*) FILTER (WHERE outcome = 'event') AS loaded,
    count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
    count(*) FILTER (WHERE outcome = 'ignored') AS ignored,
    count(*) FILTER (WHERE outcome NOT IN ('event', 'rejected', 'ignored') OR outcome IS NULL) AS unclassified
  FROM ql_stage GROUP BY file_id
), h AS MATERIALIZED (
  SELECT file_id, hash(player_id, quest_id, status, ts) AS h
  FROM ql_stage WHERE outcome = 'event' GROUP BY file_id, h HAVING count(*) > 1
), d AS (
  SELECT file_id, sum(extra) AS duplicates FROM (
    SELECT s.file_id, count(*) - 1 AS extra
    FROM ql_stage s SEMI JOIN h ON s.file_id = h.file_id AND hash(s.player_id, s.quest_id, s.status, s.ts) = h.h
    WHERE s.outcome = 'event'
    GROUP BY s.file_id, s.player_id, s.quest_id, s.status, s.ts
    HAVING count(*) > 1
  ) GROUP BY file_id
)
SELECT b.file_id, coalesce(c.lines_read, 0)::BIGINT AS lines_read, coalesce(c.loaded, 0)::BIGINT AS loaded,
  coalesce(c.rejected, 0)::BIGINT AS rejected, coalesce(c.ignored, 0)::BIGINT AS ignored,
  coalesce(c.unclassified, 0)::BIGINT AS unclassified, coalesce(d.duplicates, 0)::BIGINT AS duplicates
FROM ql_batch b LEFT JOIN c USING (file_id) LEFT JOIN d USING (file_id);
