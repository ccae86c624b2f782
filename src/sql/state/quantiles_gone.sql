-- After state/segment_completed.sql: the kept quantiles (segment_quantiles) of every group whose completion times this
-- refresh changed go; the next snapshot computes them again. The times change only through the completed rows the
-- refresh took away (state_times_gone: those of every recomputed or moved player, before) and wrote
-- (state_completed_rows: theirs after, and the new completions), so a group changed where the two differ as multisets
-- (EXCEPT ALL both ways): per quest ('overall'), pair build and platform, and cohort key. quantile_cont over the same
-- times gives the same figures, so a recomputed player whose completions came out the same (as most late events
-- leave them) keeps their groups' quantiles. A cohort key shows as a week that depends on the zone: each kept zone's
-- is deleted.
CREATE OR REPLACE TEMP TABLE state_quantiles_gone AS
WITH after AS (
  SELECT quest_id, pair_build, pair_platform, ql_cohort_key(seen) AS cohort_key, completion_seconds
  FROM state_completed_rows
  WHERE completion_seconds IS NOT NULL
),
changed AS (
  (FROM state_times_gone EXCEPT ALL FROM after)
  UNION ALL
  (FROM after EXCEPT ALL FROM state_times_gone)
)
SELECT DISTINCT quest_id, unnest(['overall', 'build', 'platform', 'cohort']) AS dimension,
  unnest([NULL, pair_build, pair_platform, NULL]) AS value, unnest([NULL, NULL, NULL, cohort_key]) AS cohort_key
FROM changed;

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
