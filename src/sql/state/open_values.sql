-- Stores the refresh's open rows (state_open) in state_current with their segment values (state/open_values_of.sql).
-- Kept as state_open_values for segment_completed (state/segment_completed.sql).
CREATE OR REPLACE TEMP TABLE state_open_values AS
SELECT * FROM ql_open_values('state_open');

INSERT INTO main.state_current SELECT * FROM state_open_values;
