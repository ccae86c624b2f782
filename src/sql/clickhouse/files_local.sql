-- The cluster's ledger: which of the local ledger's files it holds. `identity` is the file's id, content hash and
-- ingest time in the local database (a recreated local database reuses ids, never all three). A file is written
-- with state 0 before its events and state 1 after them, so a file whose shipping was cut short is known and redone.
CREATE TABLE IF NOT EXISTS {db}.files_local (
  file_id UInt32,
  identity String,
  state UInt8,
  events UInt64
) ENGINE = MergeTree() PARTITION BY tuple() ORDER BY file_id
