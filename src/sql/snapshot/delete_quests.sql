-- One date's per-quest rows, for `questlog snapshots delete` (its run row goes in the same transaction).
DELETE FROM snapshots WHERE snapshot_date = $date::DATE;
