-- Version 18: the values of the extra segment dimensions a mapped source declares (config `sources.X.dimensions`,
-- README "Segments"), one row per event and dimension that has a value (a missing one has no row and counts as
-- '(none)'). Keyed by the event's place (file_id, line), which is what pair_first and player_values keep of a pair's and
-- a player's first event: a snapshot finds a pair's or a player's value there without reading events, and a source
-- without extra dimensions costs nothing. Rows leave with their file, as events do.
CREATE TABLE event_dimensions (
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  dimension VARCHAR NOT NULL,
  value VARCHAR NOT NULL
);
