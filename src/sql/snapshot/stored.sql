-- Whether a snapshot of $date is stored (as a count: 0 or 1).
SELECT count(*)::INTEGER AS n FROM snapshot_runs WHERE snapshot_date = $date::DATE;
