-- The values of a mapped source's extra dimensions (config `sources.X.dimensions`) for the staged file's events, one row
-- per event and dimension that has a value (README "Segments": a missing one counts as '(none)'). ql_stage.dims holds
-- each row's values in the order of $names, trimmed, '' for no value (as ql_id normalises build and platform;
-- src/ingest/stage-sql.ts). Ignored and rejected rows get none.
INSERT INTO event_dimensions
SELECT file_id, line, dimension, value
FROM (
  SELECT file_id, line, unnest($names::VARCHAR[]) AS dimension, unnest(dims) AS value
  FROM ql_stage WHERE outcome = 'event'
)
WHERE value <> '';
