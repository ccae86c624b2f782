-- GameAnalytics export as NDJSON. Only `progression` events carry quests; every other category is ignored, but its
-- user still counts as seen. event_id is `Start|Fail|Complete:p1[:p2[:p3]]`; the quest is the progression path.
CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH p AS (
  SELECT file_id, line, raw,
    raw IS NULL OR trim(raw) = '' AS blank,
    length(raw) > $long_line AS long,
    CASE WHEN length(raw) <= $long_line AND json_valid(raw) THEN raw::JSON END AS j
  FROM (SELECT * REPLACE (ql_unbom(raw) AS raw) FROM ql_raw)
), f AS (
  SELECT file_id, line, raw, blank, long, j, json_type(j) = 'OBJECT' AS obj,
    CASE WHEN json_type(j) = 'OBJECT' THEN ql_duplicate_key(json_keys(j)) END AS dup, json_type(j, '$.user_id') AS user_type,
    lower(ql_trim(j->>'category')) AS category, j->>'event_id' AS event_id,
    regexp_extract(j->>'event_id', '^([A-Za-z]+):(.+)$', ['kind', 'path']) AS e,
    ql_key(j->>'user_id') AS player_id,
    j->>'client_ts' AS ts_text, ql_ts(j->>'client_ts') AS ts,
    ql_id(j->>'session_id') AS session_id, ql_id(j->>'build') AS build, ql_id(j->>'platform') AS platform
  FROM p
), g AS (
  SELECT *, ql_key(e.path) AS quest_id,
    CASE lower(e.kind) WHEN 'start' THEN 'accepted' WHEN 'fail' THEN 'failed' WHEN 'complete' THEN 'completed'
    END::quest_status AS status
  FROM f
), c AS (
  SELECT *, CASE
    WHEN blank THEN NULL
    WHEN long THEN 'line too long (' || length(raw) || ' characters)'
    -- A line of a JSON array file (one line, or a pretty-printed one's opening '['): the reason says what to do.
    WHEN ltrim(raw)[1] = '[' THEN $json_array
    WHEN j IS NULL THEN 'invalid JSON'
    WHEN NOT obj THEN 'not a JSON object'
    WHEN dup IS NOT NULL THEN 'duplicate key ' || ql_quoted(dup)
    -- Every GameAnalytics row has a category: a row without one (e.g. a canonical event pasted in) is not ignorable.
    WHEN category IS NULL THEN 'missing category: not a GameAnalytics event' ||
      CASE WHEN j->>'player_id' IS NOT NULL THEN ' (a canonical event? load it from an events file)' ELSE '' END
    WHEN ql_nested_problem('user_id', user_type) IS NOT NULL THEN ql_nested_problem('user_id', user_type)
    WHEN category IS DISTINCT FROM 'progression' THEN NULL
    WHEN ql_id(event_id) IS NULL THEN 'missing event_id'
    WHEN quest_id IS NULL THEN 'malformed event_id ' || ql_quoted(event_id) || ' (expected Start|Fail|Complete:p1[:p2[:p3]])'
    ELSE ql_problem(player_id, quest_id, e.kind, status, ts_text, ts) END AS reason
  FROM g
)
SELECT file_id, line, raw,
  CASE WHEN blank THEN 'ignored' WHEN reason IS NOT NULL THEN 'rejected'
    WHEN category IS DISTINCT FROM 'progression' THEN 'ignored' ELSE 'event' END AS outcome,
  reason, ts, player_id, quest_id, status, session_id, build, platform,
  player_id AS seen_player, ts AS seen_ts
FROM c;
