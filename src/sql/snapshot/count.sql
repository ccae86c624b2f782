-- How many snapshots are stored (the nightly suggests a backfill when it made the first).
SELECT count(*)::INTEGER AS n FROM snapshot_runs;
