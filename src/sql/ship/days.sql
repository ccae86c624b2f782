-- The snapshot days with their day ends in microseconds since 1970 UTC, for the cluster's figures query.
SELECT snapshot_date::VARCHAR AS snapshot_date, epoch_us(day_end)::DOUBLE AS day_end
FROM snapshot_days
ORDER BY snapshot_date;
