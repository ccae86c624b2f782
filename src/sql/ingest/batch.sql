-- The files of one batch with their ledger ids, their position in the reader's file list (idx: DuckDB's file_index)
-- and per-file reader parameters (seed logs: session start, zone, player, session). Passed as one JSON array so a
-- batch of hundreds of files costs one statement.
CREATE OR REPLACE TEMP TABLE ql_batch AS
SELECT * FROM (
  SELECT unnest(from_json($files, '[{"file_id": "INTEGER", "idx": "INTEGER", "path": "VARCHAR", "hash": "VARCHAR",
    "identity": "VARCHAR", "format": "VARCHAR", "source": "VARCHAR", "bytes": "BIGINT", "lines": "BIGINT", "old_id": "INTEGER",
    "start": "VARCHAR", "tz": "VARCHAR", "player": "VARCHAR", "session": "VARCHAR"}]'), recursive := true)
);
