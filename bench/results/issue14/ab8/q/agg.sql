-- @@ missing
CREATE OR REPLACE TEMP TABLE m AS
SELECT k.quest_id, k.dimension, k.value
FROM segment_completed_groups k
ANTI JOIN (SELECT quest_id, dimension, value FROM main.segment_quantiles WHERE tz IN ('', $tz)) g
  USING (quest_id, dimension, value)
WHERE k.dimension IN ('build', 'platform', 'cohort') AND k.seconds_n > 0;
-- @@ cnt
CREATE OR REPLACE TEMP TABLE x1 AS
SELECT s.quest_id, coalesce(s.pair_platform, '(none)') AS v, count(*), sum(s.completion_seconds)
FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ q2
CREATE OR REPLACE TEMP TABLE x2 AS
SELECT s.quest_id, coalesce(s.pair_platform, '(none)') AS v, quantile_cont(s.completion_seconds, [0.5, 0.9]) AS q
FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ q1
CREATE OR REPLACE TEMP TABLE x3 AS
SELECT s.quest_id, coalesce(s.pair_platform, '(none)') AS v, quantile_cont(s.completion_seconds, 0.5) AS q
FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ lst
CREATE OR REPLACE TEMP TABLE x4 AS
SELECT s.quest_id, coalesce(s.pair_platform, '(none)') AS v, list(s.completion_seconds) AS l
FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL
GROUP BY ALL;
-- @@ lstq
CREATE OR REPLACE TEMP TABLE x5 AS
SELECT quest_id, v, list_aggregate(l, 'quantile_cont', [0.5, 0.9]) AS q FROM x4;
-- @@ scan
CREATE OR REPLACE TEMP TABLE x6 AS
SELECT count(*), sum(s.completion_seconds) FROM snapshot_current s
WHERE s.bucket = 'completed'::quest_status AND s.completion_seconds IS NOT NULL;
-- @@ show
SELECT (SELECT count(*) FROM x2) n, (SELECT count(*) FROM (SELECT quest_id, v, q FROM x2 EXCEPT ALL SELECT quest_id, v, q FROM x5)) d1, (SELECT count(*) FROM (SELECT quest_id, v, q FROM x5 EXCEPT ALL SELECT quest_id, v, q FROM x2)) d2;
