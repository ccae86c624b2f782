-- The database questlog keeps its tables in, on one shard's server (run on every shard).
CREATE DATABASE IF NOT EXISTS {db}
