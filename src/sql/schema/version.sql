-- The highest migration applied.
SELECT max(version)::INTEGER AS v FROM schema_version;
