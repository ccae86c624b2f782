-- All events, through any shard: inserts go to the shard of cityHash64(player_id), reads ask every shard.
CREATE TABLE IF NOT EXISTS {db}.events (
  file_id UInt32,
  ts Int64,
  player_id String,
  quest_id String,
  status Enum8('accepted' = 1, 'declined' = 2, 'completed' = 3, 'abandoned' = 4, 'failed' = 5)
) ENGINE = Distributed({cluster}, {db_name}, 'events_local', cityHash64(player_id))
