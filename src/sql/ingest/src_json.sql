-- A mapped JSON file's non-blank lines, each parsed when it is valid JSON.
CREATE OR REPLACE TEMP TABLE ql_src AS
SELECT line AS ql_line, CASE WHEN json_valid(raw) THEN raw::JSON END AS j
FROM (SELECT * REPLACE (ql_unbom(raw) AS raw) FROM ql_raw) WHERE trim(coalesce(raw, '')) <> '';
