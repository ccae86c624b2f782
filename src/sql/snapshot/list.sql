-- Stored snapshots, oldest first: `questlog snapshots list`.
SELECT
  strftime(snapshot_date, '%Y-%m-%d') AS snapshot_date,
  strftime(computed_at, '%Y-%m-%d %H:%M:%S') AS computed_at,
  players,
  events::DOUBLE AS events,
  strftime(data_through, '%Y-%m-%d %H:%M:%S') AS data_through,
  timezone,
  (SELECT count(*) FROM snapshots s WHERE s.snapshot_date = r.snapshot_date)::INTEGER AS quests
FROM snapshot_runs r
ORDER BY snapshot_date;
