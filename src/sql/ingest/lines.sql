-- Maps each record a typed reader returned (in order) to its physical line: records are the non-blank lines after the
-- header that the reader did not quarantine, nor skipped as a comment ($comment: the reader's comment character, NULL
-- for none). Multi-line quoted records break this; ingest checks the counts agree (record_lines.sql then numbers them).
CREATE OR REPLACE TEMP TABLE ql_lines AS
SELECT line, row_number() OVER (ORDER BY line) AS ql_rec
FROM ql_raw
WHERE line > $header_lines AND trim(coalesce(raw, '')) <> '' AND NOT coalesce(starts_with(ltrim(raw), $comment), false)
  AND line NOT IN (SELECT line FROM ql_reader_rejects);
