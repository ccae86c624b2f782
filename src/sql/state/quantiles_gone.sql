-- After state/segment_completed.sql: the kept quantiles (segment_quantiles) of every group whose completed rows this
-- refresh changed, the groups it summed again (state_completed_gone) or added to (state_completed_new), go; the next
-- snapshot computes them again. A cohort key shows as a week that depends on the zone: each kept zone's is deleted.
CREATE OR REPLACE TEMP TABLE state_quantiles_gone AS
SELECT quest_id, dimension, value, cohort_key FROM state_completed_gone
UNION
SELECT quest_id, dimension, value, cohort_key FROM state_completed_new;

DELETE FROM main.segment_quantiles
WHERE dimension = 'overall' AND quest_id IN (SELECT quest_id FROM state_quantiles_gone);

DELETE FROM main.segment_quantiles k
USING state_quantiles_gone g
WHERE k.quest_id = g.quest_id AND k.dimension = g.dimension AND g.dimension IN ('build', 'platform')
  AND k.value = coalesce(g.value, '(none)');

DELETE FROM main.segment_quantiles k
USING (
  SELECT DISTINCT g.quest_id, z.tz,
    coalesce(strftime(timezone(z.tz, g.cohort_key::TIMESTAMPTZ), '%G-W%V'), '(none)') AS value
  FROM state_quantiles_gone g
  CROSS JOIN (SELECT DISTINCT tz FROM main.segment_quantiles WHERE dimension = 'cohort') z
  WHERE g.dimension = 'cohort'
) g
WHERE k.dimension = 'cohort' AND k.quest_id = g.quest_id AND k.tz = g.tz AND k.value = g.value;

DROP TABLE state_quantiles_gone;
