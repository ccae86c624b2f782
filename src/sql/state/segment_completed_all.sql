-- After a refresh that rebuilt the state (every player recomputed): segment_completed summed again from all of it.
DELETE FROM main.segment_completed;
INSERT INTO main.segment_completed SELECT * FROM ql_completed_sums('state_current');
-- Every kept quantile may have changed.
DELETE FROM main.segment_quantiles;
