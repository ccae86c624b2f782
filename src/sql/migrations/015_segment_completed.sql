-- Version 15: the completed state rows summed per quest and segment value (ql_completed_sums), kept by the state
-- refresh (state/segment_completed.sql): completed rows never change unless their player is recomputed or their
-- player's own values move, so a snapshot's segment pass on a day after every completion reads these sums instead
-- of grouping every completed row again (issue 14). Sums, counts, min and max merge exactly; last_from (the latest
-- completion of the group) says which days the sums cover.
CREATE TABLE segment_completed (
  quest_id VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,
  value VARCHAR,
  cohort_key TIMESTAMP,
  completed BIGINT NOT NULL,
  seconds_n BIGINT NOT NULL,
  seconds_sum DOUBLE NOT NULL,
  seconds_min DOUBLE,
  seconds_max DOUBLE,
  attempts_sum BIGINT NOT NULL,
  anomalies BIGINT NOT NULL,
  last_from TIMESTAMP NOT NULL
);

INSERT INTO segment_completed SELECT * FROM ql_completed_sums('state_current');
