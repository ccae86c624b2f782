-- The rules that turn one player's events on one quest into state intervals, written once: the full recompute
-- (quest_state.sql) and the incremental step (step.sql) both read them. `input` names a table or view with k, status,
-- ts (exact duplicates already removed), k an INTEGER naming the (player, quest) pair (state_redo_pairs, state_ext);
-- `carried` one with at most one row per k: the pair's carried-over cur_attempts and cur_last_accept (no row when the
-- pair starts from nothing; state_nothing_carried below for a recompute). The rows come out by k; the callers join
-- the pair's player_id and quest_id back. The window partitions by that one integer, not by the two VARCHARs: with
-- the joins included, quest_state.sql cost less CPU at 10M events, the same at 1M (bench/results/issue13/NOTES.md,
-- round 10). The carried values join after the window, not as columns of its input: two more columns riding through
-- the DISTINCT and the window's sort cost ~15% of a 1M-event rebuild's quest_state.sql, constant NULLs included
-- (round 7).
--
-- One row per kept event: the state from that event [valid_from) until the player's next event on the quest
-- [valid_to). One window (one sort) for everything. Events at the same instant apply in enum order
-- accepted < declined < completed < abandoned < failed, so an acceptance logged in the same second as its completion
-- still counts; the earlier event of a tie gets a zero-length interval, which no as-of filter ever selects.
-- Literals are typed ::quest_status: against a plain string DuckDB casts every row's enum to VARCHAR.
CREATE OR REPLACE TEMP MACRO ql_state_intervals(input, carried) AS TABLE
WITH stepped AS (
  SELECT
    k,
    status,
    ts,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accepted_here,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS accept_here
  FROM query_table(input)
  WINDOW w AS (PARTITION BY k ORDER BY ts, status)
),
continued AS (
  SELECT
    s.*,
    coalesce(c.cur_attempts, 0) + s.accepted_here AS attempts,
    coalesce(s.accept_here, c.cur_last_accept) AS last_accept
  FROM stepped s
  LEFT JOIN query_table(carried) c ON c.k = s.k
  -- Completed is absorbing: the first completion lasts forever and everything after it is dropped.
  WHERE s.done_before = 0
)
SELECT
  k,
  ts AS valid_from,
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to,
  status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  attempts::INTEGER AS attempts,
  status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  -- Kept on the open row only: all a later event needs to continue from it.
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM continued;

-- Nothing carried over (a recompute starts every pair from nothing). No rows, so the join above has an empty side.
CREATE OR REPLACE TEMP VIEW state_nothing_carried AS
SELECT NULL::INTEGER AS k, NULL::INTEGER AS cur_attempts,
  NULL::TIMESTAMP AS cur_last_accept
WHERE false;

-- A (player, quest)'s first event in the files after `after` (all files when `after` is below every id): the earliest,
-- ties at the same instant to the earlier file and line, with its build and platform. state/pairs.sql merges a night's
-- into pair_first, state/firsts_all.sql writes a rebuild's straight into it.
CREATE OR REPLACE TEMP MACRO ql_pair_first_events(after) AS TABLE
SELECT player_id, quest_id, f.ts AS first_ts, f.file_id, f.line, f.build, f.platform
FROM (
  SELECT player_id, quest_id,
    arg_min({'ts': ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, (ts, file_id, line)) AS f
  FROM main.events
  WHERE file_id > after
  GROUP BY player_id, quest_id
);

-- A player's first quest event among the pairs' first events in `pairs` (a table with pair_first's columns), ties as
-- above. The key is one HUGEINT (arg_min over a struct cost several times more on a rebuild's 67k players), exact
-- while a file has under 2^33 lines.
CREATE OR REPLACE TEMP MACRO ql_player_first_events(pairs) AS TABLE
SELECT player_id, arg_min(first_ts, k) AS first_ts, arg_min(file_id, k) AS file_id, arg_min(line, k) AS line,
  arg_min(build, k) AS build, arg_min(platform, k) AS platform
FROM (
  SELECT player_id, first_ts, file_id, line, build, platform,
    epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k
  FROM query_table(pairs)
)
GROUP BY player_id;
