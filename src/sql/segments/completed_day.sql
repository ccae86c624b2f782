-- The day's completed rows summed per group, from the state (a day before some completion, or a roster): the sums
-- segment_completed keeps, over the completions before the day end.
CREATE OR REPLACE TEMP VIEW segment_completed_rows AS
SELECT s.*
FROM snapshot_current s
WHERE s.valid_from < (SELECT day_end FROM snapshot_days);
CREATE OR REPLACE TEMP VIEW segment_completed_day AS
SELECT * FROM ql_completed_sums('segment_completed_rows');
