-- Where each CSV record starts when quoted values span lines (RFC 4180 allows line breaks inside quotes). Each
-- physical line moves the reader's state (inside a quoted value or not) in one of four ways, known from its text
-- alone: stays outside (fn 0), flips (1), keeps the state (2), ends inside (3). $out_in and $in_in match a line that
-- ends inside a quoted value when it starts outside / inside one (built from the file's delimiter and quotes: a quote
-- opens a value only at a field's start, as DuckDB's reader has it). The state after a line is the last line that set
-- it (fn 0 or 3) plus the flips since, so one ordered window pass numbers the whole file. Lines read inside a quoted
-- value continue the record before them. Skipped lines (the reader's `skip`) are not parsed.
CREATE OR REPLACE TEMP TABLE ql_rec_lines AS
WITH f AS (
  SELECT line, raw, CASE WHEN line <= $skip THEN 0
    ELSE regexp_full_match(coalesce(raw, ''), $out_in)::INTEGER + 2 * regexp_full_match(coalesce(raw, ''), $in_in)::INTEGER
    END AS fn
  FROM ql_raw
), g AS (
  SELECT line, raw, fn, sum((fn = 1)::INTEGER) OVER w AS flips FROM f WINDOW w AS (ORDER BY line ROWS UNBOUNDED PRECEDING)
), h AS (
  SELECT line, raw, (coalesce(last_value(CASE WHEN fn = 0 THEN flips WHEN fn = 3 THEN flips + 1 END IGNORE NULLS)
    OVER (ORDER BY line ROWS UNBOUNDED PRECEDING), 0) + flips) % 2 = 1 AS inside_after
  FROM g
), i AS (
  SELECT line, raw, inside_after, coalesce(lag(inside_after) OVER (ORDER BY line), false) AS cont FROM h
)
SELECT line, raw, cont, inside_after,
  max(CASE WHEN NOT cont THEN line END) OVER (ORDER BY line ROWS UNBOUNDED PRECEDING) AS start,
  CASE WHEN NOT cont THEN count(*) FILTER (WHERE NOT cont) OVER (ORDER BY line ROWS UNBOUNDED PRECEDING) END AS logical
FROM i;

-- DuckDB numbers a rejected record by the lines before it with each earlier record counted once (a "logical" line);
-- a quote still open after the last line makes that last record run to the end of the file.
CREATE OR REPLACE TEMP TABLE ql_reader_rejects AS
SELECT l.line, CASE WHEN l.line = (SELECT max(start) FROM ql_rec_lines)
    AND (SELECT inside_after FROM ql_rec_lines ORDER BY line DESC LIMIT 1) THEN $unclosed ELSE x.reason END AS reason
FROM ql_reader_rejects x LEFT JOIN ql_rec_lines l ON l.logical = x.line;

CREATE OR REPLACE TEMP TABLE ql_lines AS
SELECT line, row_number() OVER (ORDER BY line) AS ql_rec
FROM ql_rec_lines
WHERE NOT cont AND line > $header_lines AND trim(coalesce(raw, '')) <> ''
  AND line NOT IN (SELECT line FROM ql_reader_rejects WHERE line IS NOT NULL);

-- The lines after a record's first, with the line it starts on and how many they are.
CREATE OR REPLACE TEMP TABLE ql_cont AS
SELECT line, start, count(*) OVER (PARTITION BY start) AS n FROM ql_rec_lines WHERE cont;
