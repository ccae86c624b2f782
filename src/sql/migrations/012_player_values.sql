-- Version 12: each player's own segment values (the build and platform of their first quest event, and when it was),
-- kept with pair_first by the state refresh for the players with new events, so a snapshot does not group every
-- player's pairs again to find them (README "Segments").
CREATE TABLE player_values (
  player_id VARCHAR NOT NULL,
  first_ts TIMESTAMP NOT NULL,
  build VARCHAR,
  platform VARCHAR
);

-- From pair_first as it stands (the same rule as state/player_values.sql).
INSERT INTO player_values
SELECT player_id, min(first_ts), arg_min(build, k), arg_min(platform, k)
FROM (
  SELECT player_id, first_ts, build, platform,
    epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k
  FROM pair_first
)
GROUP BY player_id;
