-- Version 3: state kept so that a nightly costs in proportion to its new events, not to the history.

-- Intervals as computed. A row with valid_to NULL here is only the copy state_current started from: once the pair
-- moves on, the open state lives in state_current alone (closing it here would mean finding it, a scan of everything).
DROP TABLE quest_state;
CREATE TABLE state_intervals (
  player_id VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL,
  valid_to TIMESTAMP,
  bucket quest_status NOT NULL,
  completion_seconds DOUBLE,
  attempts INTEGER NOT NULL,
  anomaly BOOLEAN NOT NULL,
  last_accept TIMESTAMP,
  -- The refresh that wrote the row: zone maps find one refresh's rows without reading the others.
  refresh INTEGER NOT NULL
);

-- One row per (player, quest): the open interval, plus the latest acceptance (what a later completion is timed from).
-- A new event later than valid_from continues the state from this row alone.
CREATE TABLE state_current (
  player_id VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL,
  bucket quest_status NOT NULL,
  completion_seconds DOUBLE,
  attempts INTEGER NOT NULL,
  anomaly BOOLEAN NOT NULL,
  last_accept TIMESTAMP
);

-- Each (player, quest) state as intervals [valid_from, valid_to): any as-of date is a filter, not a recomputation.
CREATE VIEW quest_state AS
SELECT player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly
FROM state_intervals
WHERE valid_to IS NOT NULL
UNION ALL
SELECT player_id, quest_id, valid_from, NULL::TIMESTAMP, bucket, completion_seconds, attempts, anomaly
FROM state_current;

-- What the state reflects: every file up to through_file_id (files_through of them). NULL: unknown, so the next
-- refresh recomputes the dirty players from all their events.
CREATE TABLE state_meta (through_file_id INTEGER, files_through BIGINT NOT NULL, refreshes INTEGER NOT NULL);
INSERT INTO state_meta VALUES (NULL, 0, 0);

-- Events per quarter hour (no zone has a local midnight inside one): per-day counts in any zone from a few rows.
CREATE TABLE event_quarters (q TIMESTAMP PRIMARY KEY, n BIGINT NOT NULL, last_ts TIMESTAMP NOT NULL);

-- Each player's first sighting in any file: who counts on a day, without grouping file_players every night.
CREATE TABLE player_first (player_id VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL);

-- The state is rebuilt once from the events (the old table had no latest acceptance per pair).
INSERT INTO dirty_players SELECT DISTINCT player_id FROM events EXCEPT SELECT player_id FROM dirty_players;
