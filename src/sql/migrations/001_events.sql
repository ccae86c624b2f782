-- Version 1: the loaded logs. One row per source file (the ledger), its events, its rejected lines.
CREATE TYPE quest_status AS ENUM ('accepted', 'declined', 'completed', 'abandoned', 'failed');

CREATE SEQUENCE file_id_seq START 1;

-- Ledger: lines_read = loaded + rejected + ignored, always.
CREATE TABLE files (
  file_id INTEGER PRIMARY KEY DEFAULT nextval('file_id_seq'),
  path VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  source VARCHAR,
  bytes BIGINT NOT NULL,
  lines_read BIGINT NOT NULL,
  loaded BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  ignored BIGINT NOT NULL,
  ingested_at TIMESTAMP NOT NULL
);

-- No primary key: an ART index on hundreds of millions of rows costs more than it protects.
CREATE TABLE events (
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  ts TIMESTAMP NOT NULL,
  player_id VARCHAR NOT NULL,
  quest_id VARCHAR NOT NULL,
  status quest_status NOT NULL,
  session_id VARCHAR,
  build VARCHAR,
  platform VARCHAR
);

CREATE TABLE rejects (
  file_id INTEGER NOT NULL,
  line BIGINT,
  reason VARCHAR NOT NULL,
  raw VARCHAR
);

-- Every player seen in a file, quest line or not: the denominator of not_encountered.
CREATE TABLE file_players (
  file_id INTEGER NOT NULL,
  player_id VARCHAR NOT NULL,
  first_seen TIMESTAMP NOT NULL
);

CREATE TABLE catalogue (
  quest_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  chain VARCHAR,
  sort_order INTEGER
);
