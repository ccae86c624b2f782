-- One date's run row; returns the date when it existed.
DELETE FROM snapshot_runs WHERE snapshot_date = $date::DATE RETURNING strftime(snapshot_date, '%Y-%m-%d') AS d;
