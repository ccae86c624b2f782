-- Adds the events of files after $after to the per-quarter-hour counts (all events when $after is below every id).
INSERT INTO event_quarters
SELECT time_bucket(INTERVAL 15 MINUTE, ts) AS q, count(*) AS n, max(ts) AS last_ts
FROM main.events
WHERE file_id > $after
GROUP BY ALL
ON CONFLICT (q) DO UPDATE SET n = n + excluded.n, last_ts = greatest(last_ts, excluded.last_ts);
