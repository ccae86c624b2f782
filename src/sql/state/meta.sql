-- After a refresh: the state reflects every file loaded now; the next refresh writes under the next number.
UPDATE state_meta
SET
  through_file_id = (SELECT max(file_id) FROM main.files),
  files_through = (SELECT count(*) FROM main.files),
  refreshes = refreshes + 1;
