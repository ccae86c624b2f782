-- snapshot/figures.sql for one day after every event (the nightly's date; segments/covers.sql says when): the
-- per-quest figures from the counts and sums the state refresh keeps per segment group, summed over one dimension's
-- groups (every state row has exactly one pair build, NULL included), and the quantiles kept per quest
-- (snapshot/quantiles_kept.sql computed the changed quests'), so no state row is read. Means are exact sums over counts
-- (ql_mean_seconds), as figures.sql computes them.
CREATE OR REPLACE TEMP TABLE snapshot_figures AS
WITH per_bucket AS (
  SELECT quest_id, bucket, sum(n) AS n FROM main.segment_open WHERE dimension = 'build' GROUP BY ALL
  UNION ALL
  SELECT quest_id, 'completed'::quest_status, sum(completed) FROM main.segment_completed WHERE dimension = 'build'
  GROUP BY ALL
),
per_quest AS (
  SELECT
    quest_id,
    coalesce(sum(n) FILTER (WHERE bucket = 'accepted'::quest_status), 0) AS accepted,
    coalesce(sum(n) FILTER (WHERE bucket = 'declined'::quest_status), 0) AS declined,
    coalesce(sum(n) FILTER (WHERE bucket = 'completed'::quest_status), 0) AS completed,
    coalesce(sum(n) FILTER (WHERE bucket = 'abandoned'::quest_status), 0) AS abandoned,
    coalesce(sum(n) FILTER (WHERE bucket = 'failed'::quest_status), 0) AS failed,
    sum(n) AS encountered
  FROM per_bucket
  GROUP BY quest_id
),
sums AS (
  SELECT quest_id,
    ql_mean_seconds(sum(seconds_sum), sum(seconds_n)) AS mean_seconds,
    min(seconds_min) AS min_seconds,
    max(seconds_max) AS max_seconds,
    sum(attempts_sum) / sum(completed) AS mean_attempts,
    sum(anomalies) AS anomalies
  FROM main.segment_completed
  WHERE dimension = 'build'
  GROUP BY quest_id
)
SELECT
  d.snapshot_date,
  p.quest_id,
  p.accepted,
  p.declined,
  p.completed,
  p.abandoned,
  p.failed,
  p.encountered,
  t.mean_seconds,
  t.min_seconds,
  t.max_seconds,
  q.q[1] AS median_seconds,
  q.q[2] AS p90_seconds,
  t.mean_attempts,
  t.anomalies
FROM per_quest p
CROSS JOIN snapshot_days d
LEFT JOIN sums t ON t.quest_id = p.quest_id
LEFT JOIN main.segment_quantiles q ON q.dimension = 'overall' AND q.quest_id = p.quest_id
ORDER BY p.quest_id;
