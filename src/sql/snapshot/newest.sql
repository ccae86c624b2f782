-- The newest stored snapshot date (no row when none is stored).
SELECT strftime(snapshot_date, '%Y-%m-%d') AS d FROM snapshot_runs ORDER BY snapshot_date DESC LIMIT 1;
