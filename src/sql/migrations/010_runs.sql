-- Version 10: one row per job run (ingest, catalogue, stats, publish, nightly, demo, snapshots delete), so `questlog
-- status` and `questlog runs` say when each job last ran and how it ended. A row with no end is a run in progress,
-- or one whose process was killed.
CREATE SEQUENCE run_ids START 1;

CREATE TABLE runs (
  run_id BIGINT PRIMARY KEY DEFAULT nextval('run_ids'),
  job VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  -- running | ok | stale | failed
  outcome VARCHAR NOT NULL,
  exit_code INTEGER,
  ms BIGINT,
  files_loaded INTEGER,
  files_skipped INTEGER,
  files_failed INTEGER,
  events_loaded BIGINT,
  lines_rejected BIGINT,
  snapshots INTEGER,
  snapshot_date DATE,
  message VARCHAR
);
