-- Version 9: completion-time histograms stored with a snapshot, for engines whose quest state is not in this file (the
-- ClickHouse engine computes them on the cluster with the figures). Per quest and date: the bin counts over
-- [min, max] of that day's completion times, as read/completion_histogram.sql bins them from the local state. A date
-- with stored rows for a bin count is read from here; any engine recomputing a date deletes its rows.
CREATE TABLE snapshot_histograms (
  snapshot_date DATE NOT NULL,
  quest_id VARCHAR NOT NULL,
  bins INTEGER NOT NULL,
  lo DOUBLE NOT NULL,
  hi DOUBLE NOT NULL,
  counts INTEGER[] NOT NULL,
  PRIMARY KEY (snapshot_date, quest_id, bins)
);
