-- Fast path for canonical NDJSON events: DuckDB's own JSON reader with every field as text, parsed and checked in
-- the same pass, with no raw-line staging and no second copy (ql_stage is a view). Rows are only marked loadable or
-- not: a file with any other row is re-read on the exact path, which says why. Only for files that turn out clean
-- (one valid event per line, no blank lines); ingest sends any other file to the line-by-line path for exact rejects.
-- Objects over $long_line bytes make the reader fail, so long lines also take that path.
CREATE OR REPLACE TEMP TABLE ql_read AS
WITH x AS (
  SELECT filename, ql_id(player_id) AS player_id, ql_id(quest_id) AS quest_id, ql_status(status) AS status,
    ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
    ql_id(build) AS build, ql_id(platform) AS platform
  FROM read_ndjson($paths, columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
    session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, filename = true, maximum_object_size = $long_line)
)
SELECT filename, ts, player_id, quest_id, status, session_id, build, platform, ql_loadable(player_id, quest_id, status, ts) AS ok
FROM x;

-- The read kept file order, so a line's number is its rowid minus the first rowid of its file.
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT b.file_id, r.filename, min(r.rowid) AS first
FROM ql_read r JOIN ql_batch b ON b.path = r.filename
GROUP BY ALL;

CREATE OR REPLACE TEMP VIEW ql_stage AS
SELECT f.file_id, r.rowid - f.first + 1 AS line, NULL::VARCHAR AS raw,
  CASE WHEN r.ok THEN 'event' ELSE 'rejected' END AS outcome, NULL::VARCHAR AS reason, r.ts, r.player_id, r.quest_id,
  r.status, r.session_id, r.build, r.platform, r.player_id AS seen_player, r.ts AS seen_ts
FROM ql_read r JOIN ql_first f USING (filename);

-- Files whose rows are not exactly their lines, each a valid event: those go to the exact path.
CREATE OR REPLACE TEMP TABLE ql_unclean AS
SELECT b.file_id FROM ql_batch b LEFT JOIN (
  SELECT file_id, count(*) AS n, count_if(outcome <> 'event') AS bad, max(line) AS last FROM ql_stage GROUP BY file_id
) s USING (file_id)
WHERE s.n IS DISTINCT FROM b.lines OR s.bad <> 0 OR s.last <> s.n;
