-- The day's quantiles per segment group, as kept (segments/quantiles_kept.sql filled the missing ones): what
-- segments/snapshot_day.sql joins.
CREATE OR REPLACE TEMP TABLE segment_quantiles_day AS
SELECT quest_id, dimension, value, q
FROM main.segment_quantiles
WHERE dimension IN ('build', 'platform') OR (dimension = 'cohort' AND tz = $tz);
