-- Which stored snapshots to compare: $date (latest when NULL) against $since (when NULL, the latest stored before it);
-- with $history, every stored snapshot from $date back against the one before it, newest first, at most $limit.
WITH runs AS (
  SELECT snapshot_date, lag(snapshot_date) OVER (ORDER BY snapshot_date) AS before
  FROM snapshot_runs
),
target AS (
  SELECT coalesce($date::DATE, (SELECT max(snapshot_date) FROM snapshot_runs)) AS d
)
SELECT r.snapshot_date::VARCHAR AS snapshot_date, coalesce($since::DATE, r.before)::VARCHAR AS previous_date
FROM runs r, target t
WHERE ($history::BOOLEAN AND r.snapshot_date <= t.d AND r.before IS NOT NULL) OR r.snapshot_date = t.d
ORDER BY r.snapshot_date DESC
LIMIT $limit;
