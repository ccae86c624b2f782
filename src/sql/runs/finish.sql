-- A job ends: its outcome, exit code, duration and counts.
UPDATE runs SET
  ended_at = $ended_at::TIMESTAMP,
  outcome = $outcome,
  exit_code = $exit_code,
  ms = $ms,
  files_loaded = $files_loaded,
  files_skipped = $files_skipped,
  files_failed = $files_failed,
  events_loaded = $events_loaded,
  lines_rejected = $lines_rejected,
  snapshots = $snapshots,
  snapshot_date = $snapshot_date::DATE,
  message = $message
WHERE run_id = $run_id;
