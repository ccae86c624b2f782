-- @@ missing
CREATE OR REPLACE TEMP TABLE m AS
SELECT k.quest_id, k.dimension, k.value
FROM segment_completed_groups k
ANTI JOIN (SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)) g
  USING (quest_id, dimension, value)
WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0;
-- @@ plat_a
CREATE OR REPLACE TEMP TABLE pa AS
SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9]) AS q
FROM snapshot_current s
SEMI JOIN (SELECT * FROM m WHERE dimension = 'platform') m
  ON m.quest_id = s.quest_id AND m.value = coalesce(s.pair_platform, '(none)')
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ plat_c
CREATE OR REPLACE TEMP TABLE pc AS
SELECT g.* FROM (
  SELECT s.quest_id, 'platform', coalesce(s.pair_platform, '(none)') AS v, '', quantile_cont(s.completion_seconds, [0.5, 0.9]) AS q
  FROM snapshot_current s
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
    AND s.quest_id IN (SELECT quest_id FROM m WHERE dimension = 'platform')
  GROUP BY ALL
) g
SEMI JOIN (SELECT * FROM m WHERE dimension = 'platform') m ON m.quest_id = g.quest_id AND m.value = g.v;
-- @@ plat_all
CREATE OR REPLACE TEMP TABLE pall AS
SELECT s.quest_id, coalesce(s.pair_platform, '(none)') AS v, quantile_cont(s.completion_seconds, [0.5, 0.9]) AS q
FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ coh_a
CREATE OR REPLACE TEMP TABLE ca AS
SELECT quest_id, 'cohort', v, $tz, quantile_cont(t, [0.5, 0.9]) AS q
FROM (
  SELECT s.quest_id, coalesce(c.cohort, '(none)') AS v, s.completion_seconds AS t
  FROM (
    SELECT s.quest_id, s.seen, s.completion_seconds
    FROM snapshot_current s
    SEMI JOIN (SELECT DISTINCT quest_id FROM m WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id
    WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
  ) s
  LEFT JOIN segment_cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
) s
SEMI JOIN (SELECT * FROM m WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
GROUP BY ALL;
-- @@ coh_d
CREATE OR REPLACE TEMP TABLE cd AS
SELECT quest_id, 'cohort', v, $tz, quantile_cont(t, [0.5, 0.9]) AS q
FROM (
  SELECT s.quest_id, c.cohort AS v, s.completion_seconds AS t
  FROM snapshot_current s
  JOIN (SELECT q, cohort FROM segment_cohorts WHERE cohort IN (SELECT value FROM m WHERE dimension = 'cohort')) c
    ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
  WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
) s
SEMI JOIN (SELECT * FROM m WHERE dimension = 'cohort') m ON m.quest_id = s.quest_id AND m.value = s.v
GROUP BY ALL;
-- @@ show_plat
SELECT (SELECT count(*) FROM pa) AS n, (SELECT count(*) FROM (FROM pa EXCEPT ALL FROM pc)) AS ac, (SELECT count(*) FROM (FROM pc EXCEPT ALL FROM pa)) AS ca;
-- @@ show_coh
SELECT (SELECT count(*) FROM ca) AS n, (SELECT count(*) FROM (FROM ca EXCEPT ALL FROM cd)) AS ad, (SELECT count(*) FROM (FROM cd EXCEPT ALL FROM ca)) AS da;
