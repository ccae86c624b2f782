-- @@ setup_weeks
CREATE OR REPLACE TEMP TABLE wk_open AS SELECT u.quest_id, coalesce(c.cohort, '(none)') AS cohort, u.bucket, sum(u.n) AS n FROM main.segment_open u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key WHERE u.dimension = 'cohort' GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE wk_completed AS SELECT u.quest_id, coalesce(c.cohort, '(none)') AS cohort, sum(completed) AS completed, sum(seconds_n) AS seconds_n, sum(seconds_sum) AS seconds_sum, min(seconds_min) AS seconds_min, max(seconds_max) AS seconds_max, sum(attempts_sum) AS attempts_sum, sum(anomalies) AS anomalies FROM main.segment_completed u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key WHERE u.dimension = 'cohort' GROUP BY ALL;
-- @@ cg_keys
CREATE OR REPLACE TEMP TABLE x1 AS
SELECT u.quest_id, u.dimension,
  CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value,
  sum(u.completed) AS completed, sum(u.seconds_n) AS seconds_n, sum(u.seconds_sum) AS seconds_sum, min(u.seconds_min) AS seconds_min,
  max(u.seconds_max) AS seconds_max, sum(u.attempts_sum) AS attempts_sum, sum(u.anomalies) AS anomalies
FROM main.segment_completed u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key GROUP BY ALL;
-- @@ cg_weeks
CREATE OR REPLACE TEMP TABLE x2 AS
SELECT quest_id, dimension, value, sum(completed) AS completed, sum(seconds_n) AS seconds_n, sum(seconds_sum) AS seconds_sum, min(seconds_min) AS seconds_min,
  max(seconds_max) AS seconds_max, sum(attempts_sum) AS attempts_sum, sum(anomalies) AS anomalies
FROM (SELECT quest_id, dimension, coalesce(value, '(none)') AS value, completed, seconds_n, seconds_sum, seconds_min, seconds_max, attempts_sum, anomalies FROM main.segment_completed WHERE dimension <> 'cohort'
  UNION ALL SELECT quest_id, 'cohort', cohort, completed, seconds_n, seconds_sum, seconds_min, seconds_max, attempts_sum, anomalies FROM wk_completed) GROUP BY ALL;
-- @@ open_keys
CREATE OR REPLACE TEMP TABLE x3 AS
  SELECT u.quest_id, u.dimension,
    CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value,
    sum(u.n) FILTER (WHERE u.bucket = 'accepted'::quest_status) AS accepted,
    sum(u.n) FILTER (WHERE u.bucket = 'declined'::quest_status) AS declined,
    sum(u.n) FILTER (WHERE u.bucket = 'abandoned'::quest_status) AS abandoned,
    sum(u.n) FILTER (WHERE u.bucket = 'failed'::quest_status) AS failed,
    sum(u.n) AS n
  FROM main.segment_open u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key GROUP BY ALL;
-- @@ open_weeks
CREATE OR REPLACE TEMP TABLE x4 AS
  SELECT quest_id, dimension, value,
    sum(n) FILTER (WHERE bucket = 'accepted'::quest_status) AS accepted,
    sum(n) FILTER (WHERE bucket = 'declined'::quest_status) AS declined,
    sum(n) FILTER (WHERE bucket = 'abandoned'::quest_status) AS abandoned,
    sum(n) FILTER (WHERE bucket = 'failed'::quest_status) AS failed,
    sum(n) AS n
  FROM (SELECT quest_id, dimension, coalesce(value, '(none)') AS value, bucket, n FROM main.segment_open WHERE dimension <> 'cohort' UNION ALL SELECT quest_id, 'cohort', cohort, bucket, n FROM wk_open) GROUP BY ALL;
-- @@ check
CREATE OR REPLACE TEMP TABLE x5 AS SELECT (SELECT count(*) FROM (FROM x1 EXCEPT ALL FROM x2)) a, (SELECT count(*) FROM (FROM x3 EXCEPT ALL FROM x4)) b, (SELECT count(*) FROM wk_open) wo, (SELECT count(*) FROM wk_completed) wc;
