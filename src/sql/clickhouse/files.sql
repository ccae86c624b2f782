-- The ledger through any shard (each file's rows live on one shard).
CREATE TABLE IF NOT EXISTS {db}.files (
  file_id UInt32,
  identity String,
  state UInt8,
  events UInt64
) ENGINE = Distributed({cluster}, {db_name}, 'files_local', file_id)
