-- Version 5: a loaded file's identity covers everything its rows depend on. Seed logs take their player and session
-- start from the path, mapped sources their fields from the config: two players' byte-identical session files are two
-- files, not one loaded and one skipped. Rows loaded before have their content hash as identity (ingest treats such a
-- row at the same path and with the same content as already loaded).
ALTER TABLE files ADD COLUMN identity VARCHAR;
UPDATE files SET identity = content_hash;
