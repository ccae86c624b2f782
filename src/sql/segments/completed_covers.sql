-- Whether the completed-row sums the state refresh keeps (segment_completed) are the day's: every completion kept
-- came before the day end (the nightly's date is after every event), and every player counts (no roster).
SELECT coalesce(max(k.last_from) < (SELECT max(day_end) FROM snapshot_days), true) AS covers
FROM main.segment_completed k;
