-- A rebuild's first sightings and first events (player_first, pair_first, quest_first, player_values), emptied just
-- before, written straight from their sources: state_seen (state/seen.sql) and the events. The night's path
-- (players.sql, pairs.sql, pairs_merge.sql, quests.sql, player_values.sql) merges into kept rows and keeps the merged
-- values in temp tables for state/open_values.sql, which a rebuild does not run (state/current_all.sql reads these
-- tables); with nothing kept those merges are plain copies: pairs through a temp table (state_pairs), then its copy
-- (state_pair_values), and a second pass over the events for quest_first.
INSERT INTO main.player_first SELECT player_id, first_seen FROM state_seen;

-- Nobody's own values move in a rebuild (every player is recomputed); the refresh reads this table.
CREATE OR REPLACE TEMP TABLE state_moved (player_id VARCHAR);

-- Every file: ids start at 1.
INSERT INTO main.pair_first
SELECT player_id, quest_id, first_ts, file_id, line, build, platform FROM ql_pair_first_events(-1);

-- A quest's first event is the earliest of its pairs' first events.
INSERT INTO main.quest_first
SELECT quest_id, min(first_ts) AS first_seen FROM main.pair_first GROUP BY quest_id;

INSERT INTO main.player_values
SELECT player_id, first_ts, file_id, line, build, platform FROM ql_player_first_events('main.pair_first');
