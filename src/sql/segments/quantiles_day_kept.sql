-- The day's quantiles per segment group, as kept (segments/quantiles_kept.sql filled the missing ones): what
-- segments/snapshot_day.sql joins, keeping the rows of its zone ('' = every zone: build and platform). A view: the
-- kept rows are read once, by the join.
CREATE OR REPLACE TEMP VIEW segment_quantiles_day AS
SELECT quest_id, dimension, value, tz, q
FROM main.segment_quantiles
WHERE dimension IN ('build', 'platform', 'cohort');
