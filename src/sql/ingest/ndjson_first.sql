-- The NDJSON fast path's per-file summary (ql_read holds the parsed rows, see events_fast.sql). The read kept file
-- order, so a line's number is its rowid minus the first rowid of its file, plus one. A file is clean when its rows are
-- exactly its lines (numbered without gaps), each a valid event.
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT b.file_id, b.idx, coalesce(r.first, 0) AS first, 0 AS header, b.lines AS expected,
  coalesce(r.n, 0) = b.lines AND coalesce(r.bad, 0) = 0 AND coalesce(r.last - r.first + 1 = r.n, true) AS clean
FROM ql_batch b LEFT JOIN (
  SELECT idx, count(*) AS n, count_if(NOT ok) AS bad, min(rowid) AS first, max(rowid) AS last FROM ql_read GROUP BY idx
) r USING (idx);
