-- Version 16: the open state rows other than completed counted per quest, segment value and bucket
-- (ql_open_counts), kept by the state refresh (state/segment_open.sql) like segment_completed: with both, a
-- snapshot on a date after every event (the nightly's) reads counts instead of grouping the state, for the segments
-- and the per-quest figures alike; only the completion-time quantiles read rows (issues 14 and 16).
CREATE TABLE segment_open (
  quest_id VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,
  value VARCHAR,
  cohort_key TIMESTAMP,
  bucket quest_status,
  n BIGINT NOT NULL
);

INSERT INTO segment_open SELECT * FROM ql_open_counts('state_current');
