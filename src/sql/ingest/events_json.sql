-- Canonical events as NDJSON: one object per line with ts, player_id, quest_id, status (+ session_id, build, platform).
-- One multi-path extraction parses each line once (separate ->> calls would parse it once per field).
CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH p AS (
  SELECT file_id, line, raw,
    raw IS NULL OR trim(raw) = '' AS blank,
    length(raw) > $long_line AS long,
    length(raw) <= $long_line AND json_valid(raw) AS valid
  FROM (SELECT * REPLACE (ql_unbom(raw) AS raw) FROM ql_raw)
), x AS (
  SELECT file_id, line, raw, blank, long, valid, ltrim(raw)[1] = '{' AS obj,
    CASE WHEN valid THEN
      json_extract_string(raw, ['$.ts', '$.player_id', '$.quest_id', '$.status', '$.session_id', '$.build', '$.platform'])
    END AS v,
    CASE WHEN valid THEN json_type(raw, ['$.player_id', '$.quest_id']) END AS types,
    CASE WHEN valid AND json_type(raw) = 'OBJECT' THEN json_keys(raw) END AS keys
  FROM p
), f AS (
  SELECT file_id, line, raw, blank, long, valid, obj, types, ql_duplicate_key(keys) AS dup,
    ql_key(v[2]) AS player_id, ql_key(v[3]) AS quest_id, v[4] AS status_text, ql_status(v[4]) AS status,
    v[1] AS ts_text, ql_ts(v[1]) AS ts, ql_id(v[5]) AS session_id, ql_id(v[6]) AS build, ql_id(v[7]) AS platform
  FROM x
), c AS (
  SELECT *, CASE
    WHEN blank THEN NULL
    WHEN long THEN 'line too long (' || length(raw) || ' characters)'
    -- A line of a JSON array file (one line, or a pretty-printed one's opening '['): the reason says what to do.
    WHEN ltrim(raw)[1] = '[' THEN $json_array
    WHEN NOT valid THEN 'invalid JSON'
    WHEN NOT obj THEN 'not a JSON object'
    WHEN dup IS NOT NULL THEN 'duplicate key ' || ql_quoted(dup)
    WHEN ql_nested_problem('player_id', types[1]) IS NOT NULL THEN ql_nested_problem('player_id', types[1])
    WHEN ql_nested_problem('quest_id', types[2]) IS NOT NULL THEN ql_nested_problem('quest_id', types[2])
    ELSE ql_problem(player_id, quest_id, status_text, status, ts_text, ts) END AS reason
  FROM f
)
SELECT file_id, line, CASE WHEN reason IS NOT NULL THEN raw END AS raw,
  CASE WHEN blank THEN 'ignored' WHEN reason IS NULL THEN 'event' ELSE 'rejected' END AS outcome,
  reason, ts, player_id, quest_id, status, session_id, build, platform,
  player_id AS seen_player, ts AS seen_ts
FROM c;
