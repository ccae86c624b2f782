-- Runs, newest first ($job NULL: every job); with $latest, only each job's latest run, by job name (for status).
SELECT
  run_id::INTEGER AS run_id,
  job,
  strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
  strftime(ended_at, '%Y-%m-%d %H:%M:%S') AS ended_at,
  outcome,
  exit_code,
  ms::DOUBLE AS ms,
  files_loaded,
  files_skipped,
  files_failed,
  events_loaded::DOUBLE AS events_loaded,
  lines_rejected::DOUBLE AS lines_rejected,
  snapshots,
  strftime(snapshot_date, '%Y-%m-%d') AS snapshot_date,
  message
FROM runs
WHERE $job::VARCHAR IS NULL OR job = $job
QUALIFY NOT $latest::BOOLEAN OR row_number() OVER (PARTITION BY job ORDER BY run_id DESC) = 1
ORDER BY CASE WHEN $latest::BOOLEAN THEN job END, run_id DESC
LIMIT $limit;
