-- Merges each (player, quest)'s first event in the files after $after into pair_first (all files when $after is below
-- every id): new pairs, and pairs whose first event came in a late file. Ties at the same instant go to the earlier
-- file and line, as a rebuild picks them. One pass over the new events, one join with pair_first (one row per pair).
CREATE OR REPLACE TEMP TABLE state_pairs AS
SELECT player_id, quest_id, f.ts AS first_ts, f.file_id, f.line, f.build, f.platform
FROM (
  SELECT player_id, quest_id,
    arg_min({'ts': ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, (ts, file_id, line)) AS f
  FROM main.events
  WHERE file_id > $after
  GROUP BY player_id, quest_id
);
