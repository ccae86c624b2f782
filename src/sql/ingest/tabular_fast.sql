-- The tabular fast path's per-file summary for CSV/TSV (ql_read holds the parsed rows; see stageFastTabular in
-- src/ingest/tabular.ts). Rows are numbered by read order after the header line (an ignored line): a file is clean when
-- its rows plus the header are exactly its lines (numbered without gaps), each a valid event.
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT b.file_id, b.idx, coalesce(r.first, 0) AS first, 1 AS header, b.lines - 1 AS expected,
  coalesce(r.n, 0) = b.lines - 1 AND coalesce(r.bad, 0) = 0 AND coalesce(r.last - r.first + 1 = r.n, true) AS clean
FROM ql_batch b LEFT JOIN (
  SELECT idx, count(*) AS n, count_if(NOT ok) AS bad, min(rowid) AS first, max(rowid) AS last FROM ql_read GROUP BY idx
) r USING (idx);
