-- One date's segment rows, for `questlog snapshots delete` (with the date's per-quest rows, in one transaction).
DELETE FROM segment_snapshots WHERE snapshot_date = $date::DATE;
