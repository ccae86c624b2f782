-- A job starts: its row, outcome 'running' until it ends.
INSERT INTO runs (job, started_at, outcome)
VALUES ($job, $started_at::TIMESTAMP, 'running')
RETURNING run_id::DOUBLE AS run_id;
