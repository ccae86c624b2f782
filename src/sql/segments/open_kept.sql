-- The day's states other than completed counted per group, as the state refresh keeps them (segments/covers.sql
-- says when they are the day's).
CREATE OR REPLACE TEMP VIEW segment_open_day AS
SELECT * FROM main.segment_open;
