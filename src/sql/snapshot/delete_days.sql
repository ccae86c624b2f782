-- Re-running a date replaces it: the stored rows of every day about to be computed go, in the transaction that
-- writes the new ones (survival and chain rows are replaced per run of days by their own modules).
DELETE FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_all_days);
DELETE FROM snapshot_runs WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_all_days);
DELETE FROM snapshot_histograms WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_all_days);
-- Whichever engine runs: an engine without segments must not leave another's rows for a recomputed date.
DELETE FROM segment_snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_all_days);
