-- How many shards the server knows for questlog's cluster (0: the name is not in its remote_servers).
SELECT uniqExact(shard_num) AS shards
FROM system.clusters
WHERE cluster = {cluster}
