-- One source value of the status and the status it means.
INSERT INTO ql_status_map VALUES ($value, $status);
