-- How far a stored snapshot's newest event falls short of its day end, in hours (the nightly's staleness check).
SELECT
  strftime(data_through, '%Y-%m-%d %H:%M:%S') AS data_through,
  (date_diff('second', data_through, day_end) / 3600)::DOUBLE AS age_hours
FROM snapshot_runs
WHERE snapshot_date = $date::DATE
ORDER BY snapshot_date;
