-- The variant of state/quantiles_gone.sql's last part tried (in a copy of the build, /tmp/seg14c/varB, run by
-- ../probe.mjs): the appended groups rewritten by DELETE + INSERT instead of UPDATE. state/quantiles_gone 196, 270 ms
-- CPU against 176, 130 for the UPDATE (10M nightly, load 7-9): dropped.
CREATE OR REPLACE TEMP TABLE state_quantiles_appended AS
SELECT k.quest_id, k.dimension, k.value, k.tz, list_concat(k.times, g.times) AS times
FROM main.segment_quantiles k
JOIN state_quantiles_changed g
  ON k.quest_id = g.quest_id AND k.dimension = g.dimension AND k.value = g.value AND k.tz = g.tz
WHERE g.added_only AND k.times IS NOT NULL;

DELETE FROM main.segment_quantiles k
USING state_quantiles_changed g
WHERE k.quest_id = g.quest_id AND k.dimension = g.dimension AND k.value = g.value AND k.tz = g.tz;

INSERT INTO main.segment_quantiles (quest_id, dimension, value, tz, q, times)
SELECT quest_id, dimension, value, tz, list_aggregate(times, 'quantile_cont', [0.5, 0.9]), times
FROM state_quantiles_appended;

DROP TABLE state_quantiles_appended;
