-- The accepted events of the files in ship_files as the cluster's events table takes them (JSONEachRow written by
-- COPY: rows go from file to file, never through JavaScript): time as microseconds since 1970 UTC, status by name.
SELECT e.file_id, epoch_us(e.ts) AS ts, e.player_id, e.quest_id, e.status::VARCHAR AS status
FROM events e
JOIN ship_files s USING (file_id)
ORDER BY e.file_id, e.line
