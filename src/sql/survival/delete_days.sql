-- The survival rows of the days about to be computed go, in the transaction that writes the new ones.
DELETE FROM survival WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days);
DELETE FROM survival_curve WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days);
