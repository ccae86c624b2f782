-- @@ counts_main
CREATE OR REPLACE TEMP TABLE p1 AS
WITH cells AS (
  SELECT u.quest_id, CASE u.dimension WHEN 'own_build' THEN 'build' WHEN 'own_platform' THEN 'platform'
      ELSE u.dimension END AS dimension,
    CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value,
    u.bucket, u.n, u.dimension IN ('build', 'platform', 'cohort') AS pair,
    u.dimension IN ('own_build', 'own_platform', 'cohort') AS own,
    u.seconds_n, u.seconds_sum, u.seconds_min, u.seconds_max, u.attempts_sum, u.anomalies
  FROM (
    SELECT quest_id, dimension, value, cohort_key, bucket, n, NULL::BIGINT AS seconds_n, NULL::DOUBLE AS seconds_sum,
      NULL::DOUBLE AS seconds_min, NULL::DOUBLE AS seconds_max, NULL::BIGINT AS attempts_sum, NULL::BIGINT AS anomalies
    FROM segment_open_day
    UNION ALL
    SELECT quest_id, dimension, value, cohort_key, 'completed'::quest_status, completed, seconds_n, seconds_sum,
      seconds_min, seconds_max, attempts_sum, anomalies
    FROM segment_completed_day
  ) u
  LEFT JOIN segment_cohorts c ON c.q = u.cohort_key
)
  SELECT quest_id, dimension, value,
    sum(n) FILTER (WHERE pair AND bucket = 'accepted'::quest_status) AS accepted,
    sum(n) FILTER (WHERE pair AND bucket = 'declined'::quest_status) AS declined,
    sum(n) FILTER (WHERE pair AND bucket = 'completed'::quest_status) AS completed,
    sum(n) FILTER (WHERE pair AND bucket = 'abandoned'::quest_status) AS abandoned,
    sum(n) FILTER (WHERE pair AND bucket = 'failed'::quest_status) AS failed,
    sum(n) FILTER (WHERE pair) AS encountered,
    sum(n) FILTER (WHERE own) AS encountered_own,
    sum(seconds_n) FILTER (WHERE pair) AS seconds_n, sum(seconds_sum) FILTER (WHERE pair) AS seconds_sum,
    min(seconds_min) FILTER (WHERE pair) AS min_seconds, max(seconds_max) FILTER (WHERE pair) AS max_seconds,
    sum(attempts_sum) FILTER (WHERE pair) AS attempts_sum, sum(anomalies) FILTER (WHERE pair) AS anomalies
  FROM cells
  GROUP BY ALL;
-- @@ scan_only
CREATE OR REPLACE TEMP TABLE p2 AS
SELECT count(*), sum(n), count(DISTINCT quest_id) FROM (SELECT quest_id, dimension, value, cohort_key, bucket, n FROM segment_open_day UNION ALL SELECT quest_id, dimension, value, cohort_key, NULL, completed FROM segment_completed_day);
-- @@ grp_keys_count
CREATE OR REPLACE TEMP TABLE p3 AS
SELECT u.quest_id, u.dimension, CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value, count(*) n
FROM (SELECT quest_id, dimension, value, cohort_key FROM segment_open_day UNION ALL SELECT quest_id, dimension, value, cohort_key FROM segment_completed_day) u
LEFT JOIN segment_cohorts c ON c.q = u.cohort_key GROUP BY ALL;
-- @@ grp_noncohort
CREATE OR REPLACE TEMP TABLE p4 AS
SELECT quest_id, dimension, value, sum(n) FILTER (WHERE bucket = 'accepted') a, sum(n) FILTER (WHERE bucket = 'declined') d, sum(n) FILTER (WHERE bucket = 'abandoned') ab, sum(n) FILTER (WHERE bucket = 'failed') f, sum(n) e
FROM segment_open_day WHERE dimension <> 'cohort' GROUP BY ALL;
-- @@ grp_cohort_open
CREATE OR REPLACE TEMP TABLE p5 AS
SELECT u.quest_id, coalesce(c.cohort, '(none)') AS value, sum(u.n) FILTER (WHERE bucket = 'accepted') a, sum(u.n) FILTER (WHERE bucket = 'declined') d, sum(u.n) FILTER (WHERE bucket = 'abandoned') ab, sum(u.n) FILTER (WHERE bucket = 'failed') f, sum(u.n) e
FROM segment_open_day u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key WHERE dimension = 'cohort' GROUP BY ALL;
-- @@ grp_cohort_completed
CREATE OR REPLACE TEMP TABLE p6 AS
SELECT u.quest_id, coalesce(c.cohort, '(none)') AS value, sum(completed), sum(seconds_n), sum(seconds_sum), min(seconds_min), max(seconds_max), sum(attempts_sum), sum(anomalies)
FROM segment_completed_day u LEFT JOIN segment_cohorts c ON c.q = u.cohort_key WHERE dimension = 'cohort' GROUP BY ALL;
