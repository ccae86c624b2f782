-- Seed session logs: `HH:MM:SS,EVENT,MESSAGE`, no header; each file's player and session start come from its path
-- (ql_batch). The start is converted to UTC once per file, not once per line. A field wrapped in double quotes (as a
-- CSV writer quotes it, `"QUEST_STATUS"`) is read without them.
CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH b AS (
  SELECT file_id, CAST(timezone(tz, CAST(start AS TIMESTAMP)) AS TIMESTAMP) AS start, player, session FROM ql_batch
), p AS (
  SELECT r.file_id, r.line, r.raw, b.start, b.player, b.session,
    regexp_extract(r.raw, '^([^,]*),([^,]*),(.*)$', ['t', 'ev', 'msg']) AS f
  FROM ql_raw r JOIN b USING (file_id)
), q AS (
  SELECT file_id, line, raw, start, player, session, ql_trim(f.t) AS t, upper(ql_trim(ql_unquote(f.ev))) AS ev,
    ql_unquote(f.msg) AS msg, regexp_full_match(raw, '[^,]*,[^,]*,.*') AS shaped,
    regexp_extract(ql_unquote(f.msg), '^\s*(\S+)\s+(\S+)\s*$', ['quest', 'status']) AS m
  FROM p
), s AS (
  -- The session's build (and platform, when the game writes one after it) from its SESSION_START line: every quest
  -- line of the file was played on them.
  SELECT file_id, regexp_split_to_array(trim(arg_min(msg, line)), '\s+') AS parts
  FROM q WHERE ev = 'SESSION_START' AND shaped
  GROUP BY file_id
), r AS (
  SELECT q.*, ql_id(s.parts[1]) AS build, ql_id(s.parts[2]) AS platform,
    CASE WHEN regexp_full_match(t, '[0-9]{1,3}:[0-5][0-9]:[0-5][0-9](\.[0-9]+)?')
      THEN start + try_cast(t AS INTERVAL) END AS ts,
    ql_key(m.quest) AS quest
  FROM q LEFT JOIN s USING (file_id)
)
SELECT file_id, line, raw,
  CASE
    WHEN raw IS NULL OR trim(raw) = '' THEN 'ignored'
    WHEN length(raw) > $long_line THEN 'rejected'
    WHEN NOT shaped THEN 'rejected'
    WHEN ts IS NULL THEN 'rejected'
    WHEN ev <> 'QUEST_STATUS' THEN 'ignored'
    WHEN m.quest = '' THEN 'rejected'
    WHEN ql_status(m.status) IS NULL THEN 'rejected'
    WHEN ql_key_problem('player_id', player) IS NOT NULL OR ql_key_problem('quest_id', quest) IS NOT NULL THEN 'rejected'
    WHEN NOT ql_in_range(ts) THEN 'rejected'
    ELSE 'event' END AS outcome,
  CASE
    WHEN raw IS NULL OR trim(raw) = '' THEN NULL
    WHEN length(raw) > $long_line THEN 'line too long (' || length(raw) || ' characters)'
    WHEN NOT shaped THEN 'malformed line (expected HH:MM:SS,EVENT,MESSAGE)'
    WHEN ts IS NULL THEN 'unparsable time ' || ql_quoted(t) || ' (expected HH:MM:SS)'
    WHEN ev <> 'QUEST_STATUS' THEN NULL
    WHEN m.quest = '' THEN 'malformed QUEST_STATUS message ' || ql_quoted(msg) || ' (expected <QUEST_ID> <STATUS>)'
    WHEN ql_status(m.status) IS NULL THEN 'unknown status ' || ql_quoted(m.status)
    WHEN ql_key_problem('player_id', player) IS NOT NULL THEN ql_key_problem('player_id', player)
    WHEN ql_key_problem('quest_id', quest) IS NOT NULL THEN ql_key_problem('quest_id', quest)
    WHEN NOT ql_in_range(ts) THEN ql_range_problem(ts)
    END AS reason,
  ts, player AS player_id, quest AS quest_id, ql_status(m.status) AS status,
  session AS session_id, build, platform,
  -- The session belongs to the player even on lines that carry no quest.
  player AS seen_player, coalesce(ts, start) AS seen_ts
FROM r;
