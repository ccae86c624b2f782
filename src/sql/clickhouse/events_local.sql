-- One shard's share of the accepted events: every event of a player lives on one shard (events.sql shards by a hash
-- of player_id), so each player's quest state is worked out where the events are. ts is microseconds since 1970 UTC,
-- DuckDB's TIMESTAMP exactly (DateTime has whole seconds only). The status values are in the tie-break order of
-- events at the same instant, as in DuckDB's quest_status enum.
CREATE TABLE IF NOT EXISTS {db}.events_local (
  file_id UInt32,
  ts Int64,
  player_id String,
  quest_id String,
  status Enum8('accepted' = 1, 'declined' = 2, 'completed' = 3, 'abandoned' = 4, 'failed' = 5)
) ENGINE = MergeTree() PARTITION BY tuple() ORDER BY (player_id, quest_id, ts)
