-- Canonical events as NDJSON: one object per line with ts, player_id, quest_id, status (+ session_id, build, platform).
CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH p AS (
  SELECT line, raw,
    raw IS NULL OR trim(raw) = '' AS blank,
    length(raw) > $long_line AS long,
    CASE WHEN length(raw) <= $long_line AND json_valid(raw) THEN raw::JSON END AS j
  FROM ql_raw
), f AS (
  SELECT line, raw, blank, long, j, json_type(j) = 'OBJECT' AS obj,
    ql_id(j->>'player_id') AS player_id, ql_id(j->>'quest_id') AS quest_id,
    j->>'status' AS status_text, ql_status(j->>'status') AS status,
    j->>'ts' AS ts_text, ql_ts(j->>'ts') AS ts,
    ql_id(j->>'session_id') AS session_id, ql_id(j->>'build') AS build, ql_id(j->>'platform') AS platform
  FROM p
), c AS (
  SELECT *, CASE
    WHEN blank THEN NULL
    WHEN long THEN 'line too long (' || length(raw) || ' characters)'
    WHEN j IS NULL THEN 'invalid JSON'
    WHEN NOT obj THEN 'not a JSON object'
    ELSE ql_problem(player_id, quest_id, status_text, status, ts_text, ts) END AS reason
  FROM f
)
SELECT line, raw,
  CASE WHEN blank THEN 'ignored' WHEN reason IS NULL THEN 'event' ELSE 'rejected' END AS outcome,
  reason, ts, player_id, quest_id, status, session_id, build, platform,
  player_id AS seen_player, ts AS seen_ts
FROM c;
