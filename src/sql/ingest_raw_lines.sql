-- Every physical line of a text file, numbered from 1 as editors do. Blank lines are kept (as NULL) so the numbers
-- stay true; '\r\n' as new_line also accepts lone '\n', so CRLF, LF and mixed files all number correctly.
-- The 4-byte delimiter never occurs in text logs, so each line is one column; quoting is off so nothing is parsed.
CREATE OR REPLACE TEMP TABLE ql_raw AS
SELECT row_number() OVER () AS line, raw
FROM read_csv($path, columns = {'raw': 'VARCHAR'}, delim = E'\x01\x02\x03\x04', quote = '', escape = '',
  header = false, auto_detect = false, new_line = '\r\n', strict_mode = false, max_line_size = $max_line);
