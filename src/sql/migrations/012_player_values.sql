-- Version 12: each player's own segment values (the build and platform of their first quest event, and which event
-- that was), kept with pair_first by the state refresh for the players with new events, so a snapshot does not group
-- every player's pairs again to find them (README "Segments").
CREATE TABLE player_values (
  player_id VARCHAR NOT NULL,
  first_ts TIMESTAMP NOT NULL,
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  build VARCHAR,
  platform VARCHAR
);

-- From pair_first as it stands: each player's first pair by (time, file, line), as state/player_values.sql picks it.
INSERT INTO player_values
SELECT player_id, f.first_ts, f.file_id, f.line, f.build, f.platform
FROM (
  SELECT player_id,
    arg_min({'first_ts': first_ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform},
      (first_ts, file_id, line)) AS f
  FROM pair_first
  GROUP BY player_id
);
