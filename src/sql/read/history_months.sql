-- Per calendar month up to $date: a version of its stored snapshots (which dates, computed when) and how many. A
-- month's rows change only when one of its dates is (re)computed, which changes its computed_at, so a publish can keep
-- the month files it wrote before while the version is the same.
SELECT
  strftime(snapshot_date, '%Y-%m') AS month,
  md5(string_agg(strftime(snapshot_date, '%Y-%m-%d') || '@' || strftime(computed_at, '%Y-%m-%dT%H:%M:%S.%f'), ',' ORDER BY snapshot_date)) AS version,
  count(*)::INTEGER AS dates
FROM snapshot_runs
WHERE snapshot_date <= $date::DATE
GROUP BY ALL
ORDER BY month;
