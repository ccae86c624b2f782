-- A record's further lines (a quoted value spanning lines) share its fate: staged as ignored, they are quarantined
-- with their own text when the record is, so the quarantine holds the whole record and every line is counted once.
CREATE OR REPLACE TEMP TABLE ql_cont_rejected AS
SELECT k.line, k.start, r.raw
FROM ql_cont k JOIN ql_stage s ON s.line = k.start JOIN ql_raw r ON r.line = k.line
WHERE s.outcome = 'rejected';

UPDATE ql_stage SET outcome = 'rejected', reason = printf($reason, c.start), raw = c.raw
FROM ql_cont_rejected c WHERE ql_stage.line = c.line;
