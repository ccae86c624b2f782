-- What changed since the state was last refreshed: files added (ids only grow) or removed, and dirty players.
SELECT
  m.refreshes + 1 AS refresh,
  m.through_file_id AS through,
  (SELECT max(file_id) FROM main.files) AS latest,
  m.files_through::DOUBLE AS files_then,
  (SELECT count(*) FROM main.files WHERE file_id <= m.through_file_id)::DOUBLE AS files_kept,
  (SELECT count(*) FROM main.dirty_players)::DOUBLE AS dirty,
  (SELECT count(*) FROM main.events WHERE file_id > m.through_file_id)::DOUBLE AS new_events,
  (SELECT count(*) FROM main.events)::DOUBLE AS events
FROM main.state_meta m;
