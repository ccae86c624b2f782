-- Shared parsing rules for every input format, as temp macros so each format's SQL stays short.

-- Whitespace around a field is no part of its value, on every path and for every field (README "Ingest rules"): the
-- space separators (Unicode Zs: space, no-break space, ideographic space…), the control whitespace tab, line feed,
-- vertical tab, form feed, carriage return and next line (U+0085), and U+FEFF (a byte order mark `cat` left at a
-- line's start; JavaScript's trim takes it too). Zero-width characters and the line and paragraph separators are not
-- whitespace here: they stay part of the value. ql_trim_ws applies the rule. ql_trim is the same on ingest's hot
-- paths, where trim() (Zs only) costs half the regex: a batch whose bytes hold none of the others (ql_scan false: no
-- C0 control but '\n' and '\r', no C1, no U+FEFF past the file's start, no backslash for a JSON escape; a '\r' or
-- '\n' inside a value needs a quoted multi-line CSV value, which takes the exact path, where ql_scan is true) has
-- nothing for the regex to take that trim() leaves.
CREATE OR REPLACE TEMP MACRO ql_trim_ws(v) AS
  regexp_replace(v, '^[\t\n\x0b\f\r\x{85}\x{feff}\p{Zs}]+|[\t\n\x0b\f\r\x{85}\x{feff}\p{Zs}]+$', '', 'g');

-- A JSON line without the byte order mark `cat` leaves at its start when it joins files that have one (RFC 8259 lets
-- a parser ignore it; the file's first line has it dropped by the reader): else the line was "invalid JSON".
CREATE OR REPLACE TEMP MACRO ql_unbom(raw) AS CASE WHEN starts_with(raw, chr(65279)) THEN substr(raw, 2) ELSE raw END;

CREATE OR REPLACE TEMP MACRO ql_trim(v) AS CASE WHEN getvariable('ql_scan') THEN ql_trim_ws(v) ELSE trim(v) END;

-- Canonical status from a free-text value: case-insensitive, with the synonyms games commonly log.
CREATE OR REPLACE TEMP MACRO ql_status(s) AS CASE lower(ql_trim(s))
  WHEN 'accepted' THEN 'accepted' WHEN 'accept' THEN 'accepted' WHEN 'start' THEN 'accepted'
  WHEN 'started' THEN 'accepted' WHEN 'begin' THEN 'accepted' WHEN 'begun' THEN 'accepted'
  WHEN 'completed' THEN 'completed' WHEN 'complete' THEN 'completed' WHEN 'success' THEN 'completed'
  WHEN 'succeed' THEN 'completed' WHEN 'succeeded' THEN 'completed'
  WHEN 'declined' THEN 'declined' WHEN 'decline' THEN 'declined' WHEN 'reject' THEN 'declined'
  WHEN 'rejected' THEN 'declined'
  WHEN 'abandoned' THEN 'abandoned' WHEN 'abandon' THEN 'abandoned' WHEN 'quit' THEN 'abandoned'
  WHEN 'failed' THEN 'failed' WHEN 'fail' THEN 'failed'
  ELSE NULL END::quest_status;

-- False when the text ends in a numeric zone offset (after a time: '…10:00:00+25:00', '-1401', '+99:00:00') beyond
-- ±14:00. DuckDB's zone-aware cast takes offset seconds too, so they count.
CREATE OR REPLACE TEMP MACRO ql_offset_ok(u) AS coalesce(
  [try_cast(o.h AS INTEGER) * 3600 + coalesce(try_cast(nullif(o.m, '') AS INTEGER), 0) * 60
     + coalesce(try_cast(nullif(o.s, '') AS INTEGER), 0) <= 50400
   for o in [regexp_extract(u, '[0-9]:[0-9]{2}(?::[0-9]{2})?(?:[.][0-9]+)?\s*[+-]([0-9]{1,2})(?::?([0-9]{2})(?::?([0-9]{2}))?)?$',
     ['h', 'm', 's'])]][1],
  true);

-- An instant as the UTC wall time events store: epoch_us reads the instant as it is, where a cast to TIMESTAMP goes
-- through ICU to the session's zone (UTC in ingest, the same value) at ~4x the cost of parsing the text.
CREATE OR REPLACE TEMP MACRO ql_utc(z) AS make_timestamp(epoch_us(z));

-- An epoch number as a time, its unit read from its magnitude (README "events"): below 1e11 seconds, below 1e14
-- milliseconds (JavaScript's Date.now(), most analytics exports), below 1e17 microseconds, below 1e20 nanoseconds,
-- beyond that no time (NULL). Each unit's range spans 1973 to year 5138, so a time in those years is read in the
-- unit it was written in; every number that loaded as seconds before (all below 1e11) still does. pydantic reads
-- numbers the same way with its cut at 2e10 (year 2603). Rounded to the microsecond, as to_timestamp rounds seconds.
-- A CASE, not a list filter: the filter converted every number before testing it, and to_timestamp of 'nan' or 1e300
-- failed the whole file. n is a DOUBLE named once (a list variable): its text may be '1.5e12' or '-3'.
CREATE OR REPLACE TEMP MACRO ql_epoch(n) AS CASE
  WHEN abs(n) < 1e11 THEN ql_utc(to_timestamp(n))
  WHEN abs(n) < 1e14 THEN make_timestamp(round(n * 1e3)::BIGINT)
  WHEN abs(n) < 1e17 THEN make_timestamp(round(n)::BIGINT)
  WHEN abs(n) < 1e20 THEN make_timestamp(round(n / 1e3)::BIGINT)
  END;

-- Event time from text: ISO 8601 with or without zone (zone-less means UTC), or an epoch number (ql_epoch). This runs
-- once per event, so the usual shapes are told apart by cheap fixed tests, in order, and each takes one cast:
-- * 'YYYY-MM-DD HH:MM:SS' (19 characters, ':' 14th and 17th: one LIKE) has no room for a zone: the plain TIMESTAMP
--   cast. Indexing the text (t[14]) walks grapheme clusters, ~20% of the NDJSON fast path's read at 1M events.
-- * A 'Z' or a numeric offset '+HH:MM' / '-HH:MM' of at most 14:00 at the end: the zone-aware cast. An offset beyond
--   ±14:00 is no zone on Earth (the seed file names' rule) and is left to the last test, which refuses it.
-- * Digits only: ql_epoch's rule by the count of digits (11 at most: below 1e11, seconds; a longer one starting with
--   0 goes to the last test), as an exact BIGINT (a DOUBLE is off by up to 256 ns at 1e18).
-- * A zone-less date or date-time: the plain cast, never the zone-aware one: DuckDB 1.5's TIMESTAMPTZ cast of a
--   column carries a named zone ('… Europe/Paris') over to the zone-less values after it in the same vector, which
--   moved them by that zone's offset (test/hostile-times.test.ts).
-- Every other text (named zones, spaces around, other offsets, fractions, signs, exponents) takes the same rules on
-- the trimmed text with regexes; it is what any of the fast tests would give (test/time-shapes.test.ts). The trim
-- is every field's (ql_trim_ws, always the regex here: with trim() only, a tab-led zone-less time failed the regex and
-- took the zone-aware cast, and a named zone from an earlier row with it). ISO 8601 and RFC 3339 allow a lower-case
-- 't' between date and time and 'z' for UTC ('2026-01-02t08:00:00z'), which DuckDB's casts refuse: both are
-- upper-cased there (only there: a named zone's case is its own). A time to the minute takes ':00' before its zone:
-- DuckDB's zone-aware cast refuses '2026-01-02T08:00Z' (and '+02:00', 'Europe/Paris') where the plain cast reads
-- '2026-01-02T08:00', so a zone made a time ISO 8601 allows unparsable. ISO 8601's decimal comma
-- ('08:00:00,5Z') is read as the point. The trimmed text is named once, inside a one-element list comprehension: an expression written twice in
-- coalesce was computed for every row before coalesce looked at it (DuckDB hoists common subexpressions), ~3x the
-- whole macro at 1M events.
CREATE OR REPLACE TEMP MACRO ql_ts(t) AS coalesce(
  CASE WHEN t LIKE '_____________:__:__' THEN try_cast(t AS TIMESTAMP) END,
  CASE
    WHEN t LIKE '%Z' OR (substr(t, -3, 1) = ':' AND substr(t, -6, 1) IN ('+', '-')
        AND try_cast(right(t, 5) AS TIME) <= TIME '14:00')
      THEN ql_utc(try_cast(t AS TIMESTAMPTZ))
    WHEN NOT t GLOB '*[!0-9]*' THEN CASE
      WHEN strlen(t) <= 11 THEN make_timestamp(try_cast(t AS BIGINT) * 1000000)
      WHEN t LIKE '0%' THEN NULL
      WHEN strlen(t) <= 14 THEN make_timestamp(try_cast(t AS BIGINT) * 1000)
      WHEN strlen(t) <= 17 THEN make_timestamp(try_cast(t AS BIGINT))
      ELSE make_timestamp(try_cast(t AS BIGINT) // 1000 + (try_cast(t AS BIGINT) % 1000 >= 500)::BIGINT) END
    WHEN regexp_full_match(t, '[0-9]{4,}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?)?')
      THEN try_cast(t AS TIMESTAMP)
    END,
  [CASE WHEN u LIKE '%Z' THEN ql_utc(try_cast(u AS TIMESTAMPTZ))
    WHEN regexp_full_match(u, '[0-9]{4,}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?)?')
      THEN try_cast(u AS TIMESTAMP)
      -- A zone is named by letters (other than the 'T' between date and time) or by a sign after the date; text with
      -- neither that the regex above refused ('10:0:00', '10:00:', a 3-digit year) is zone-less all the same, and the
      -- zone-aware cast would give it a named zone from an earlier row: the plain cast.
      WHEN NOT regexp_matches(u, '[A-SU-Za-su-z]') AND NOT contains(substr(u, 11), '+')
          AND NOT contains(substr(u, 11), '-')
        THEN coalesce(try_cast(u AS TIMESTAMP), [ql_epoch(n) for n in [try_cast(u AS DOUBLE)]][1])
      ELSE coalesce(CASE WHEN ql_offset_ok(u) THEN ql_utc(try_cast(u AS TIMESTAMPTZ)) END,
        [ql_epoch(n) for n in [try_cast(u AS DOUBLE)]][1]) END
   for u in [regexp_replace(regexp_replace(regexp_replace(regexp_replace(ql_trim_ws(t),
     '^([0-9]{4,}-[0-9]{1,2}-[0-9]{1,2})t([0-9])', '\1T\2'), '([0-9])z$', '\1Z'),
     '^([0-9]{4,}-[0-9]{1,2}-[0-9]{1,2}[T ][0-9]{1,2}:[0-9]{2})([^:0-9.,].*)$', '\1:00\2'),
     '^([0-9]{4,}-[0-9]{1,2}-[0-9]{1,2}[T ][0-9]{1,2}:[0-9]{2}:[0-9]{2}),([0-9])', '\1.\2')]][1]);

-- NULL for absent or blank identifiers, so "missing player" is one test.
CREATE OR REPLACE TEMP MACRO ql_id(v) AS nullif(ql_trim(v), '');

-- Player and quest ids: Unicode NFC, so an id typed in NFC and in NFD is one id (README "Guarantees"); then as ql_id.
CREATE OR REPLACE TEMP MACRO ql_key(v) AS nullif(ql_trim(nfc_normalize(v)), '');

-- Why a player or quest id cannot be stored, else NULL. The limits are session variables set by ingest from the
-- config (`limits`). Control characters (C0, DEL, C1: terminal escapes among them) are looked for only when ingest
-- saw bytes that can produce one (ql_scan, per batch): the regex costs ~70 ns a value, more than parsing the row.
CREATE OR REPLACE TEMP MACRO ql_key_problem(name, v) AS CASE
  WHEN strlen(v) > getvariable('ql_max_id') AND length(v) > getvariable('ql_max_id')
    THEN name || ' is longer than ' || getvariable('ql_max_id') || ' characters (' || length(v) || ')'
  WHEN CASE WHEN getvariable('ql_scan') THEN regexp_matches(v, '[\x00-\x1f\x7f\x{80}-\x{9f}]') ELSE false END
    THEN name || ' contains a control character'
  END;

-- Event times outside the configured range are rejects: a year-1900 or year-10000 stamp is a broken clock, and one
-- such event would stretch a backfill over every day in between.
CREATE OR REPLACE TEMP MACRO ql_in_range(ts) AS ts >= getvariable('ql_earliest') AND ts < getvariable('ql_latest');

CREATE OR REPLACE TEMP MACRO ql_range_problem(ts) AS
  'time ' || strftime(ts, '%Y-%m-%d %H:%M:%S') || ' is outside the accepted range ' ||
  strftime(getvariable('ql_earliest'), '%Y-%m-%d %H:%M:%S') || ' .. ' ||
  strftime(getvariable('ql_latest'), '%Y-%m-%d %H:%M:%S') || ' (config "limits")';

-- A JSON value that is an object or array is no id (json_type of the value; NULL when absent).
CREATE OR REPLACE TEMP MACRO ql_nested_problem(name, type) AS
  CASE WHEN type IN ('OBJECT', 'ARRAY') THEN name || ' is a JSON ' || lower(type) || ', not a text value' END;

-- The same for an id that arrived as text: JSON text of an object or array (a mapped `j->>'user'` gives that).
CREATE OR REPLACE TEMP MACRO ql_nested_text(name, v) AS
  CASE WHEN v[1] IN ('{', '[') AND json_valid(v) THEN ql_nested_problem(name, json_type(v::JSON)) END;

-- The first key an object repeats, or NULL. Readers keep one of the values silently, so such a line is a reject.
CREATE OR REPLACE TEMP MACRO ql_duplicate_key(keys) AS
  list_filter(keys, (k, i) -> list_position(keys, k) < i)[1];

-- A text field as a CSV writer may have quoted it: surrounding double quotes off, doubled ones single.
CREATE OR REPLACE TEMP MACRO ql_unquote(v) AS CASE
  WHEN length(ql_trim(v)) >= 2 AND starts_with(ql_trim(v), '"') AND ends_with(ql_trim(v), '"')
    THEN replace(ql_trim(v)[2:-2], '""', '"')
  ELSE v END;

-- Rejects keep the raw text, but a runaway line must not bloat the quarantine.
CREATE OR REPLACE TEMP MACRO ql_clip(raw) AS CASE WHEN length(raw) > 4096 THEN left(raw, 4096) || '…' ELSE raw END;

-- A value quoted in a reject's reason: the raw text beside it has the rest, and a 200 KB time or status must not
-- become a 200 KB reason on every such line (stored, and printed by `questlog rejects`).
CREATE OR REPLACE TEMP MACRO ql_quoted(v) AS '''' || CASE WHEN length(v) > 100 THEN left(v, 100) || '…' ELSE v END || '''';

-- The first problem of an event row, or NULL when it is loadable. Order = the order a human would fix them.
CREATE OR REPLACE TEMP MACRO ql_problem(player_id, quest_id, status_text, status, ts_text, ts) AS CASE
  WHEN player_id IS NULL THEN 'missing player_id'
  WHEN quest_id IS NULL THEN 'missing quest_id'
  WHEN ql_id(status_text) IS NULL THEN 'missing status'
  WHEN status IS NULL THEN 'unknown status ' || ql_quoted(status_text)
  WHEN ql_id(ts_text) IS NULL THEN 'missing ts'
  WHEN ts IS NULL THEN 'unparsable time ' || ql_quoted(ts_text)
  WHEN ql_key_problem('player_id', player_id) IS NOT NULL THEN ql_key_problem('player_id', player_id)
  WHEN ql_key_problem('quest_id', quest_id) IS NOT NULL THEN ql_key_problem('quest_id', quest_id)
  WHEN NOT ql_in_range(ts) THEN ql_range_problem(ts)
  END;

-- Whether an event row is loadable, i.e. ql_problem(...) IS NULL: a status or time that parsed cannot be blank. Far
-- cheaper than finding the problem; the fast paths only need to know whether a file is clean.
CREATE OR REPLACE TEMP MACRO ql_loadable(player_id, quest_id, status, ts) AS
  player_id IS NOT NULL AND quest_id IS NOT NULL AND status IS NOT NULL AND ts IS NOT NULL AND ql_in_range(ts)
  AND ql_key_problem('player_id', player_id) IS NULL AND ql_key_problem('quest_id', quest_id) IS NULL;
