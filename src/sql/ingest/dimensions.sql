-- The values of a mapped source's extra dimensions (config `sources.X.dimensions`) for the staged file's events, one row
-- per event and dimension that has a value (README "Segments": a missing one counts as '(none)'). ql_stage.dims holds
-- each row's values in the order of $names (src/ingest/stage-sql.ts); they are normalised as build and platform are
-- (ql_id: trimmed, empty is no value). Ignored and rejected rows get none.
INSERT INTO event_dimensions
SELECT file_id, line, dimension, ql_id(value) AS value
FROM (
  SELECT file_id, line, unnest($names::VARCHAR[]) AS dimension, unnest(dims) AS value
  FROM ql_stage WHERE outcome = 'event'
)
WHERE ql_id(value) IS NOT NULL;
