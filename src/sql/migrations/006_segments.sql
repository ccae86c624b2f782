-- Version 6: segments. Each (player, quest)'s first event decides which build / platform the pair counts under, so
-- per-segment figures add up to the overall ones (README "Segments"); kept like quest_first, merged from new files.
CREATE TABLE pair_first (
  player_id VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  first_ts TIMESTAMP NOT NULL,
  -- The event's place, so that events at the same instant pick the same first event on every rebuild.
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  build VARCHAR,
  platform VARCHAR
);

-- Per (snapshot date, dimension, value, quest): the snapshot's counts and times for the players of that value.
-- Rates and their intervals are derived when read (src/sql/segments/stats.sql), from these counts.
CREATE TABLE segment_snapshots (
  snapshot_date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  players INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  declined INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  abandoned INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  not_encountered INTEGER NOT NULL,
  mean_seconds DOUBLE,
  min_seconds DOUBLE,
  max_seconds DOUBLE,
  median_seconds DOUBLE,
  p90_seconds DOUBLE,
  mean_attempts DOUBLE,
  anomalies INTEGER NOT NULL
);

-- As far as the state goes (a database whose state was never refreshed gets it with its first refresh).
INSERT INTO pair_first
SELECT player_id, quest_id, f.ts, f.file_id, f.line, f.build, f.platform
FROM (
  SELECT player_id, quest_id,
    arg_min({'ts': ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, (ts, file_id, line)) AS f
  FROM events
  WHERE file_id <= (SELECT through_file_id FROM state_meta)
  GROUP BY player_id, quest_id
);
