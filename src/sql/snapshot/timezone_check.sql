-- Fails when DuckDB does not know the time zone $tz (the error is turned into the user's message).
SELECT timezone($tz, TIMESTAMP '2000-01-01 00:00:00');
