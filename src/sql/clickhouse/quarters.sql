-- Events per quarter hour (start and latest event in microseconds since 1970 UTC), for the local event_quarters:
-- the snapshot range and each day's event count come from these few rows, as with the DuckDB engine.
SELECT intDiv(ts, 900000000) * 900000000 AS q, count() AS n, max(ts) AS last_ts
FROM {db}.events
GROUP BY q
ORDER BY q
