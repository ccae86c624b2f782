-- Stored snapshots in another time zone than $tz, outside the days $from..$to a run recomputes (and so replaces): their
-- days end at another midnight, and kept beside this run's they would mix day boundaries in one history.
SELECT
  timezone AS zone,
  count(*)::INTEGER AS n,
  strftime(min(snapshot_date), '%Y-%m-%d') AS first,
  strftime(max(snapshot_date), '%Y-%m-%d') AS last
FROM snapshot_runs
WHERE timezone <> $tz AND snapshot_date NOT BETWEEN $from::DATE AND $to::DATE
GROUP BY timezone
ORDER BY n DESC, zone;
