-- Every migration applied, oldest first.
SELECT version::INTEGER AS v FROM schema_version ORDER BY version;
