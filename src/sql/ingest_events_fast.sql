-- Fast path for canonical NDJSON events: DuckDB's own JSON reader with every field as text, no raw-line staging.
-- Only for files that turn out clean (one valid event per line, no blank lines); ingest sends any other file to the
-- line-by-line path for exact rejects. Objects over $long_line bytes make the reader fail, so long lines also take
-- that path. The read keeps file order, so a line's number is its rowid minus the first rowid of its file.
CREATE OR REPLACE TEMP TABLE ql_read AS
SELECT filename, ts, player_id, quest_id, status, session_id, build, platform
FROM read_ndjson($paths, columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
  session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, filename = true, maximum_object_size = $long_line);

CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH f AS (SELECT filename, min(rowid) AS first FROM ql_read GROUP BY filename), x AS (
  SELECT b.file_id, r.rowid - f.first + 1 AS line,
    ql_id(r.player_id) AS player_id, ql_id(r.quest_id) AS quest_id, r.status AS status_text,
    ql_status(r.status) AS status, r.ts AS ts_text, ql_ts(r.ts) AS ts, ql_id(r.session_id) AS session_id,
    ql_id(r.build) AS build, ql_id(r.platform) AS platform
  FROM ql_read r JOIN f USING (filename) JOIN ql_batch b ON b.path = r.filename
), c AS (
  SELECT *, ql_problem(player_id, quest_id, status_text, status, ts_text, ts) AS reason FROM x
)
SELECT file_id, line, NULL::VARCHAR AS raw, CASE WHEN reason IS NULL THEN 'event' ELSE 'rejected' END AS outcome,
  reason, ts, player_id, quest_id, status, session_id, build, platform, player_id AS seen_player, ts AS seen_ts
FROM c;

-- Files whose rows are not exactly their lines, each a valid event: those go to the exact path.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT b.file_id FROM ql_batch b LEFT JOIN (
  SELECT file_id, count(*) AS n, count_if(outcome <> 'event') AS bad, max(line) AS last FROM ql_stage GROUP BY file_id
) s USING (file_id)
WHERE s.n IS DISTINCT FROM b.lines OR s.bad <> 0 OR s.last <> s.n;
