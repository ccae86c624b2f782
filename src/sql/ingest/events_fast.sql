-- Fast path for canonical NDJSON events: DuckDB's own JSON reader with every field as text, parsed and checked in
-- the same pass, with no raw-line staging. Rows are only marked loadable or not: a file with any other row is re-read
-- on the exact path, which says why. Only for files that turn out clean (one valid event per line, no blank lines);
-- ingest sends any other file to the line-by-line path for exact rejects. Objects over $long_line bytes make the
-- reader fail, so long lines also take that path. No filename column: the file's position in the list (file_index)
-- names it, and a path per row cost a string per event. Runs before the batch's transaction (see loadBatch).
CREATE OR REPLACE TEMP TABLE ql_read AS
WITH x AS (
  SELECT file_index::INTEGER AS idx, ql_key(player_id) AS player_id, ql_key(quest_id) AS quest_id,
    ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
    ql_id(build) AS build, ql_id(platform) AS platform
  FROM read_ndjson($paths, columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
    session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = $long_line)
)
-- An id that starts like a JSON object or array may be one (the reader gives nested values as JSON text): such a file
-- takes the exact path, which tells the two apart. Byte prefixes, not the first character (t[1] walks grapheme
-- clusters): a '{' followed by a combining mark also sends its file there, which loads it the same.
-- h: the row's hash for the exact duplicate count (ndjson_loaded.sql), computed here where both threads read.
SELECT idx, ts, player_id, quest_id, status, session_id, build, platform, hash(player_id, quest_id, status, ts) AS h,
  ql_loadable(player_id, quest_id, status, ts)
    AND NOT (prefix(player_id, '{') OR prefix(player_id, '[') OR prefix(quest_id, '{') OR prefix(quest_id, '[')) AS ok
FROM x;
