-- The pairs of every shard: a query on this table runs on each shard over its own pairs_local, and only its partial
-- per-(day, quest) aggregates travel to the node that asked.
CREATE TABLE IF NOT EXISTS {db}.pairs (
  quest_id String,
  player_id String,
  first_ts Int64,
  ev Array(Int64),
  done UInt8,
  done_at Int64,
  attempts UInt32,
  anomaly UInt8,
  timed UInt8,
  seconds Float64
) ENGINE = Distributed({cluster}, {db_name}, 'pairs_local')
