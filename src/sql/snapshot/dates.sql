-- Stored snapshot dates, oldest first.
SELECT strftime(snapshot_date, '%Y-%m-%d') AS d FROM snapshot_runs ORDER BY snapshot_date;
