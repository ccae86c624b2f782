-- The config's limits as session variables, read by the parsing macros (ingest/macros.sql).
SET VARIABLE ql_earliest = $earliest::TIMESTAMP;
SET VARIABLE ql_latest = $latest::TIMESTAMP;
SET VARIABLE ql_max_id = $max_id::INTEGER;
SET VARIABLE ql_scan = true;
