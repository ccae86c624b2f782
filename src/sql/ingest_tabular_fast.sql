-- The tabular fast path's stage (ql_read holds the parsed rows; see stageFastTabular in src/tabular.ts). Parquet rows
-- carry their row number; CSV rows are numbered by read order after the header line, which is an ignored line.
-- (A view takes no parameters, so whether the batch is CSV is a column of ql_first.)
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT b.file_id, b.path AS filename, coalesce(min(r.rowid), 0) AS first, $csv AS csv
FROM ql_batch b LEFT JOIN ql_read r ON r.filename = b.path
GROUP BY ALL;

CREATE OR REPLACE TEMP VIEW ql_stage AS
SELECT f.file_id, CASE WHEN f.csv THEN r.rowid - f.first + 2 ELSE r.line END AS line, NULL::VARCHAR AS raw,
  CASE WHEN r.ok THEN 'event' ELSE 'rejected' END AS outcome, NULL::VARCHAR AS reason, r.ts, r.player_id, r.quest_id,
  r.status, r.session_id, r.build, r.platform, r.player_id AS seen_player, r.ts AS seen_ts
FROM ql_read r JOIN ql_first f USING (filename)
UNION ALL
SELECT file_id, 1, NULL, 'ignored', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM ql_first WHERE csv;

-- Files that are not clean: a rejected row, or (CSV) rows + header that are not exactly the file's lines.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT b.file_id FROM ql_batch b LEFT JOIN (
  SELECT file_id, count(*) AS n, count_if(outcome = 'rejected') AS bad, max(line) AS last FROM ql_stage GROUP BY file_id
) s USING (file_id)
WHERE s.bad IS DISTINCT FROM 0 OR s.last <> s.n OR ($csv AND s.n IS DISTINCT FROM b.lines);
