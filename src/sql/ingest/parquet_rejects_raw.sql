-- Parquet has no text lines: a rejected row is quarantined as its JSON.
UPDATE ql_stage SET raw = (
  SELECT CAST(to_json(x) AS VARCHAR) FROM (SELECT * EXCLUDE (ql_line) FROM ql_src s WHERE s.ql_line = ql_stage.line) x
) WHERE outcome = 'rejected';
