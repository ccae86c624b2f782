-- Fast path for canonical NDJSON events: DuckDB's own JSON reader with every field as text, parsed, checked and
-- written to events in the same pass, with no staging table. Only for files that turn out clean (one valid event per
-- line, no blank lines): ingest sends any other file to the line-by-line path for exact rejects. Objects over
-- the long-line limit make the reader fail, so long lines also take that path. No filename column: the file's
-- position in the list (file_index) names it, and a path per row cost a string per event.
--
-- Line numbers: WITH ORDINALITY numbers the reader's rows 1, 2, ... across the batch in read order (DuckDB runs that
-- numbering in one ordered pipeline, files in list order). A file's first ordinal is one past the lines of the files
-- before it, as long as each of those read one row per line; fast_loaded.sql checks every file holds exactly lines
-- 1..lines, so a file numbered wrong (or following one that read fewer rows) leaves for the exact path.
CREATE OR REPLACE TEMP TABLE ql_first AS
SELECT file_id, idx, (sum(lines) OVER (ORDER BY idx) - lines)::BIGINT AS first, 0 AS header, lines AS expected,
  NULL::BOOLEAN AS clean
FROM ql_batch;

-- Only loadable rows go in: a file with any other row holds fewer rows than lines, so it is not clean.
INSERT INTO events
WITH x AS (
  SELECT file_index::INTEGER AS idx, o, ql_key(player_id) AS player_id, ql_key(quest_id) AS quest_id,
    ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id, ql_id(build) AS build,
    ql_id(platform) AS platform
  FROM read_ndjson($paths, columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
    session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = $long_line)
    WITH ORDINALITY AS r(ts, player_id, quest_id, status, session_id, build, platform, o)
)
SELECT f.file_id, x.o - f.first, x.ts, x.player_id, x.quest_id, x.status, x.session_id, x.build, x.platform
FROM x JOIN ql_first f USING (idx)
-- An id that starts like a JSON object or array may be one (the reader gives nested values as JSON text): such a row
-- stays out, so its file takes the exact path, which tells the two apart.
WHERE ql_loadable(x.player_id, x.quest_id, x.status, x.ts) AND x.player_id[1] NOT IN ('{', '[')
  AND x.quest_id[1] NOT IN ('{', '[');
