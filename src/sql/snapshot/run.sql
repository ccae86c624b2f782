-- One stored run (the latest when $date is NULL).
SELECT snapshot_date, computed_at, players, events::DOUBLE AS events, data_through, day_end, timezone
FROM snapshot_runs
WHERE $date::DATE IS NULL OR snapshot_date = $date::DATE
ORDER BY snapshot_date DESC
LIMIT 1;
