-- A rebuild starts the per-quarter-hour counts and first sightings from nothing.
DELETE FROM event_quarters;
DELETE FROM player_first;
DELETE FROM quest_first;
DELETE FROM pair_first;
DELETE FROM player_values;
