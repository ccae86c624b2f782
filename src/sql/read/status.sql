-- What is loaded, for `questlog status`.
SELECT
  (SELECT count(*) FROM files)::INTEGER AS files,
  (SELECT count(*) FROM events)::DOUBLE AS events,
  (SELECT count(*) FROM rejects)::DOUBLE AS rejects,
  (SELECT count(DISTINCT player_id) FROM file_players)::INTEGER AS players,
  (SELECT count(DISTINCT quest_id) FROM events)::INTEGER AS quests,
  (SELECT count(*) FROM catalogue)::INTEGER AS catalogue_quests,
  (SELECT count(*) FROM snapshot_runs)::INTEGER AS snapshots,
  (SELECT max(snapshot_date) FROM snapshot_runs) AS last_snapshot,
  (SELECT computed_at FROM snapshot_runs ORDER BY snapshot_date DESC LIMIT 1) AS last_computed_at,
  (SELECT count(DISTINCT player_id) FROM dirty_players)::INTEGER AS dirty_players;
