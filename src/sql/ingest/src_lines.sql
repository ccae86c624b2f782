-- The CSV records with their physical line numbers.
CREATE OR REPLACE TEMP TABLE ql_src AS SELECT l.line AS ql_line, s.* EXCLUDE (ql_rec)
FROM ql_src s JOIN ql_lines l USING (ql_rec);
