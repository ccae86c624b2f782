-- The table of applied migrations, made with the first one.
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP);
