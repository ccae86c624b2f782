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

-- The completion-time quantiles (median, p90) a one-date snapshot after every completion computed, per quest
-- (dimension 'overall', value '') and per segment group as shown ('build', 'platform'; 'cohort' per zone `tz`, as a
-- cohort is a week in the snapshot's zone): quantile_cont over an unchanged set of times gives the same figures, so the
-- next nightly reads them instead of sorting the group's times again. The state refresh deletes every group whose
-- completed rows changed (state/quantiles_gone.sql); snapshots fill the missing ones (snapshot/quantiles_kept.sql,
-- segments/quantiles_kept.sql). Groups with no completion time are not kept.
CREATE TABLE segment_quantiles (
  quest_id VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  tz VARCHAR NOT NULL,
  q DOUBLE[] NOT NULL
);
