-- Whether the database has a schema_version table (a new database has none).
SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'schema_version';
