-- The day's completed rows summed per group, as the state refresh keeps them (segments/completed_covers.sql says
-- when they are the day's).
CREATE OR REPLACE TEMP VIEW segment_completed_day AS
SELECT * FROM main.segment_completed;
