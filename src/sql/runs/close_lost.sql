-- Runs left 'running' by a process that is gone. Only one process opens a database for writing at a time (DuckDB's
-- file lock), so a 'running' row that is not one of this process's own ($mine, comma-separated ids) is a run that was
-- killed, or whose connection a fatal error (a full disk) invalidated before it could record its end.
UPDATE runs SET outcome = 'failed', message = $message
WHERE outcome = 'running' AND NOT list_contains(string_split($mine, ','), run_id::VARCHAR);
