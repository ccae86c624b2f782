-- The chain rows of the days about to be computed go, in the transaction that writes the new ones.
DELETE FROM chain_steps WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days);
