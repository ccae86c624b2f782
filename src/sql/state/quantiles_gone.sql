-- After state/segment_completed.sql: the kept quantiles (segment_quantiles) of every group whose completion times this
-- refresh changed. The times change only through the completed rows the refresh took away (state_times_gone: those of
-- every recomputed or moved player, before) and wrote (state_completed_rows: theirs after, and the new completions),
-- so a group changed where the two differ as multisets (EXCEPT ALL both ways): per quest ('overall'), pair build and
-- platform, and cohort key. quantile_cont over the same times gives the same figures, so a recomputed player whose
-- completions came out the same (as most late events leave them) keeps their groups' quantiles. A group that only
-- gained times and keeps its times (migration 017) gets them appended and its quantiles taken over the new list (the
-- row is rewritten either way; quantile_cont over a list is the same aggregate over the same multiset as over the
-- rows, so the same doubles); any other changed group goes (the next snapshot computes it from the state,
-- segments/quantiles_kept.sql). A cohort key shows as a week that depends on the zone: each kept zone's row changes.
CREATE OR REPLACE TEMP TABLE state_times_changed AS
WITH after AS (
  SELECT quest_id, pair_build, pair_platform, ql_cohort_key(seen) AS cohort_key, completion_seconds
  FROM state_completed_rows
  WHERE completion_seconds IS NOT NULL
)
SELECT *, false AS added FROM (FROM state_times_gone EXCEPT ALL FROM after)
UNION ALL
SELECT *, true FROM (FROM after EXCEPT ALL FROM state_times_gone);

-- Per kept group (quest, dimension, value as shown, zone): whether it only gained times, and those times. A cohort key
-- is converted once per kept zone, not once per row.
CREATE OR REPLACE TEMP TABLE state_quantiles_changed AS
WITH weeks AS (
  SELECT k.cohort_key, z.tz, coalesce(strftime(timezone(z.tz, k.cohort_key::TIMESTAMPTZ), '%G-W%V'), '(none)') AS value
  FROM (SELECT DISTINCT cohort_key FROM state_times_changed) k
  CROSS JOIN (SELECT DISTINCT tz FROM main.segment_quantiles WHERE dimension = 'cohort') z
)
SELECT quest_id, dimension, value, tz, bool_and(added) AS added_only, list(completion_seconds) AS times
FROM (
  SELECT quest_id, 'build' AS dimension, coalesce(pair_build, '(none)') AS value, '' AS tz, completion_seconds, added
  FROM state_times_changed
  UNION ALL
  SELECT quest_id, 'platform', coalesce(pair_platform, '(none)'), '', completion_seconds, added
  FROM state_times_changed
  UNION ALL
  SELECT c.quest_id, 'cohort', w.value, w.tz, c.completion_seconds, c.added
  FROM state_times_changed c
  JOIN weeks w ON w.cohort_key IS NOT DISTINCT FROM c.cohort_key
)
GROUP BY ALL;

DELETE FROM main.segment_quantiles
WHERE dimension = 'overall' AND quest_id IN (SELECT quest_id FROM state_times_changed);

DELETE FROM main.segment_quantiles k
USING state_quantiles_changed g
WHERE k.quest_id = g.quest_id AND k.dimension = g.dimension AND k.value = g.value AND k.tz = g.tz
  AND (NOT g.added_only OR k.times IS NULL);

UPDATE main.segment_quantiles k
SET times = list_concat(k.times, g.times),
  q = list_aggregate(list_concat(k.times, g.times), 'quantile_cont', [0.5, 0.9])
FROM state_quantiles_changed g
WHERE k.quest_id = g.quest_id AND k.dimension = g.dimension AND k.value = g.value AND k.tz = g.tz AND g.added_only;

DROP TABLE state_times_changed;
DROP TABLE state_quantiles_changed;
