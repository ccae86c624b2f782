-- Each (quest, player) of one shard, worked out once whatever the days asked: its distinct events sorted (each packed
-- as ts * 8 + status rank, 1 accepted .. 5 failed: one Int64 orders by time, then by the tie-break order, and exact
-- duplicates count once), its first event, and what its first completion decides, which no later day changes:
-- the acceptances at or before it (an acceptance at the same instant comes first) give the attempts and, from the
-- latest, the completion time; none makes it an anomaly without a time. The rules of src/sql/state/quest_state.sql,
-- without windows (18.16 has none). pairs.sql reads this view on every shard, so this work stays on the shard that
-- holds the player. (Tuples would read more plainly than packed integers, but 18.16 cannot read an array of tuples
-- through a Distributed table.)
CREATE VIEW {db}.pairs_local AS
SELECT
  quest_id,
  player_id,
  first_ts,
  ev,
  done,
  done_at,
  toUInt32(length(acc)) AS attempts,
  toUInt8(done AND empty(acc)) AS anomaly,
  toUInt8(done AND notEmpty(acc)) AS timed,
  if(timed, (done_at - bitShiftRight(acc[-1], 3)) / 1000000, 0) AS seconds
FROM (
  SELECT
    quest_id,
    player_id,
    min(ts) AS first_ts,
    arraySort(groupUniqArray(ts * 8 + CAST(status, 'Int8'))) AS ev,
    toUInt8(countIf(status = 'completed') > 0) AS done,
    minIf(ts, status = 'completed') AS done_at,
    arrayFilter(x -> bitAnd(x, 7) = 1 AND bitShiftRight(x, 3) <= done_at, ev) AS acc
  FROM {db}.events_local
  GROUP BY quest_id, player_id
)
