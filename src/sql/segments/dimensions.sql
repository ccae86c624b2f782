-- The dimensions stored for a snapshot date (any date when $date is NULL): built-in and extra ones alike, so a
-- reader without the config (a notebook) still knows the extra ones.
SELECT DISTINCT dimension
FROM segment_snapshots
WHERE $date::DATE IS NULL OR snapshot_date = $date::DATE
ORDER BY dimension;
