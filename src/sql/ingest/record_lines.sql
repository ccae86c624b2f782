-- Where each CSV record starts when quoted values span lines (RFC 4180 allows line breaks inside quotes). A line
-- moves the reader's state (inside a quoted value or not) in one of four ways, known from its text alone: stays
-- outside (fn 0), flips (1), keeps the state (2), ends inside (3). $out_in and $in_in match a line that ends inside
-- a quoted value when it starts outside / inside one (built from the file's delimiter and quotes: a quote opens a
-- value only at a field's start, as DuckDB's reader has it). Only lines holding a quote can move the state, so only
-- they are followed (a window over every line of a 250,000-line file took ~1 minute): the state after one is the
-- last that set it (fn 0 or 3) plus the flips since. Skipped lines (the reader's `skip`) are not parsed.
CREATE OR REPLACE TEMP TABLE ql_quote_lines AS
WITH f AS (
  SELECT line, regexp_full_match(raw, $out_in)::INTEGER + 2 * regexp_full_match(raw, $in_in)::INTEGER AS fn
  FROM ql_raw WHERE line > $skip AND contains(raw, $quote)
), g AS (
  SELECT line, fn, sum((fn = 1)::INTEGER) OVER (ORDER BY line ROWS UNBOUNDED PRECEDING) AS flips FROM f WHERE fn <> 2
), h AS (
  SELECT line, (coalesce(last_value(CASE WHEN fn = 0 THEN flips WHEN fn = 3 THEN flips + 1 END IGNORE NULLS)
    OVER (ORDER BY line ROWS UNBOUNDED PRECEDING), 0) + flips) % 2 = 1 AS inside_after
  FROM g
)
SELECT line, inside_after, coalesce(lag(inside_after) OVER (ORDER BY line), false) AS cont FROM h;

-- The records spanning lines: from a line that starts outside and ends inside a quoted value to the first line that
-- ends outside again (or the end of the file: not closed). lstart: its start as DuckDB numbers lines, where each
-- earlier record counts as one line; spanned: the lines it and the earlier ones continue onto.
CREATE OR REPLACE TEMP TABLE ql_spans AS
WITH q AS (
  SELECT line, inside_after, cont, max(CASE WHEN NOT cont THEN line END) OVER (ORDER BY line ROWS UNBOUNDED PRECEDING)
    AS start
  FROM ql_quote_lines
), t AS (
  SELECT start, line AS last, true AS closed FROM q WHERE cont AND NOT inside_after
  UNION ALL
  SELECT start, (SELECT max(line) FROM ql_raw), false FROM (SELECT * FROM q ORDER BY line DESC LIMIT 1) WHERE inside_after
)
SELECT start, last, closed, start - coalesce(sum(last - start) OVER b, 0) AS lstart, sum(last - start) OVER a AS spanned
FROM t
WINDOW a AS (ORDER BY start ROWS UNBOUNDED PRECEDING),
  b AS (ORDER BY start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING);

-- The lines after a record's first, with the line it starts on and how many they are.
CREATE OR REPLACE TEMP TABLE ql_cont AS
SELECT unnest(range(start + 1, last + 1)) AS line, start, last - start AS n FROM ql_spans;

-- DuckDB's rejects at their physical lines: a logical line at or after a spanning record's start is moved by the
-- lines that record and the earlier ones continue onto (its own start only by the earlier ones).
CREATE OR REPLACE TEMP TABLE ql_rejects_at AS
SELECT CASE WHEN k.start IS NULL THEN x.line WHEN x.line = k.lstart THEN k.start ELSE x.line + k.spanned END AS line,
  CASE WHEN x.line = k.lstart AND NOT k.closed THEN $unclosed ELSE x.reason END AS reason
FROM ql_reader_rejects x ASOF LEFT JOIN ql_spans k ON x.line >= k.lstart;

CREATE OR REPLACE TEMP TABLE ql_reader_rejects AS SELECT line, reason FROM ql_rejects_at;

-- lines.sql's numbering again (keep the two alike), now without the continued lines and with the rejects at their
-- physical lines: the first numbering's rejects sat at DuckDB's logical lines, so it cannot be filtered instead.
CREATE OR REPLACE TEMP TABLE ql_lines AS
SELECT line, row_number() OVER (ORDER BY line) AS ql_rec
FROM ql_raw
WHERE line > $header_lines AND trim(coalesce(raw, '')) <> '' AND NOT coalesce(starts_with(ltrim(raw), $comment), false)
  AND line NOT IN (SELECT line FROM ql_cont) AND line NOT IN (SELECT line FROM ql_reader_rejects);
