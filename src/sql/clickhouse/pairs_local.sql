-- Each (quest, player) of one shard with its distinct events, each packed as ts * 8 + status rank (1 accepted ..
-- 5 failed): one Int64 orders by time, then by the tie-break order, and exact duplicates count once. (An array of
-- (ts, rank) tuples would read more plainly, but 18.16 cannot read one through a Distributed table.) pairs.sql reads
-- this view on every shard, so the per-player work stays on the shard that holds the player.
CREATE VIEW {db}.pairs_local AS
SELECT
  quest_id,
  player_id,
  min(ts) AS first_ts,
  groupUniqArray(ts * 8 + CAST(status, 'Int8')) AS ev
FROM {db}.events_local
GROUP BY quest_id, player_id
