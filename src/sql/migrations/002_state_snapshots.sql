-- Version 2: derived quest state (kept incrementally) and the nightly snapshot history.

-- Each (player, quest) state as intervals [valid_from, valid_to): any as-of date is a filter, not a recomputation.
CREATE TABLE quest_state (
  player_id VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL,
  valid_to TIMESTAMP,
  bucket quest_status NOT NULL,
  completion_seconds DOUBLE,
  attempts INTEGER NOT NULL,
  anomaly BOOLEAN NOT NULL
);

-- Players whose events changed since quest_state was last refreshed; only they are recomputed.
CREATE TABLE dirty_players (player_id VARCHAR NOT NULL);

CREATE TABLE snapshot_runs (
  snapshot_date DATE PRIMARY KEY,
  computed_at TIMESTAMP NOT NULL,
  players INTEGER NOT NULL,
  events BIGINT NOT NULL,
  data_through TIMESTAMP,
  -- The instant the snapshot stops at (start of the next day in `timezone`), so readers can re-filter quest_state.
  day_end TIMESTAMP NOT NULL,
  timezone VARCHAR NOT NULL
);

CREATE TABLE snapshots (
  snapshot_date DATE NOT NULL,
  quest_id VARCHAR NOT NULL,
  players INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  declined INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  abandoned INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  not_encountered INTEGER NOT NULL,
  completion_rate DOUBLE,
  mean_seconds DOUBLE,
  min_seconds DOUBLE,
  max_seconds DOUBLE,
  median_seconds DOUBLE,
  p90_seconds DOUBLE,
  mean_attempts DOUBLE,
  anomalies INTEGER NOT NULL,
  PRIMARY KEY (snapshot_date, quest_id)
);

-- Existing events predate the state table: every player starts dirty.
INSERT INTO dirty_players SELECT DISTINCT player_id FROM events;
