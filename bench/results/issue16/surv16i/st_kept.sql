CREATE OR REPLACE TEMP TABLE st_v AS
WITH open_counts AS (
  -- attempts in progress, by their censoring time (day end - acceptance): the only observations that move nightly
  SELECT snapshot_date, quest_id, epoch(day_end) - accepted_epoch AS t, 0 AS completed, count(*) AS w
  FROM day_end_pairs
  WHERE accepted_epoch IS NOT NULL AND bucket = 'accepted'::quest_status
  GROUP BY ALL
),
observations AS (
  SELECT snapshot_date, quest_id, t, completed, w FROM kept_fixed
  UNION ALL
  SELECT snapshot_date, quest_id, t, completed, w FROM open_counts
),
ties AS (
  SELECT
    snapshot_date,
    quest_id,
    t,
    completed,
    w,
    (sum(w) OVER down)::BIGINT AS k,
    lead(t) OVER down AS next_t
  FROM observations
  WINDOW down AS (PARTITION BY snapshot_date, quest_id ORDER BY t DESC, completed ROWS UNBOUNDED PRECEDING)
),
risk AS (
  SELECT snapshot_date, quest_id, t, CASE WHEN completed = 1 THEN w ELSE 0 END::BIGINT AS d, k AS n
  FROM ties
  WHERE next_t IS DISTINCT FROM t AND (completed = 1 OR next_t IS NULL)
),
steps AS (
  -- S(t) = Π (1 - d/n), summed as logs; a step with d = n drops S to 0 (apart: ln 0 is -inf). Such a step can only
  -- be a quest's longest time (d <= n, so d = n leaves nobody at risk after t), so it is the row itself, not a
  -- running count. Greenwood: Var S(t) = S(t)² Σ d / (n (n - d)) over steps with d < n.
  SELECT
    *,
    CASE WHEN d < n THEN ln(1 - d / n) ELSE 0 END AS log_step,
    CASE WHEN d < n THEN d / (n * (n - d)) ELSE 0 END AS gw_step,
    d = n AS zero_step
  FROM risk
  WHERE d > 0
),
curve AS (
  -- Over the times with a completion only (a censored-only time adds 0 to both sums; leaving those rows out makes
  -- this window ~20% smaller). The sums' last bits depend on which rows they run over, so S can differ from the form
  -- before 2026-12-06 by a few ulps: everything read from it is rounded far above that (survival.sql compares with
  -- 1e-9 slack, survival_curve.sql bands with 1e-9, publish rounds to 2 decimals snapping near-halves: json.ts round).
  SELECT
    snapshot_date,
    quest_id,
    t,
    d,
    n,
    CASE WHEN zero_step THEN 0.0 ELSE exp(sum(log_step) OVER w) END AS s,
    sum(gw_step) OVER w AS greenwood
  FROM steps
  WINDOW w AS (PARTITION BY snapshot_date, quest_id ORDER BY t ROWS UNBOUNDED PRECEDING)
),
band AS (
  -- log-log band (Kalbfleisch & Prentice): se of log(-log S) = sqrt(Σ) / |log S|; S^exp(±1.96 se) stays in (0, 1).
  -- Σ is a sum of non-negative steps; greatest() only guards sqrt.
  SELECT *, CASE WHEN s > 0 AND s < 1 THEN sqrt(greatest(greenwood, 0.0)) / abs(ln(s)) END AS se
  FROM curve
)
-- Kept: the times with a completion (where S steps: all that survival.sql and survival_curve.sql look at) and each
-- quest's shortest time (S = 1 there when nobody completed at it). No ORDER BY: a temp table that survival.sql groups
-- and survival_curve.sql windows, never output as is.
SELECT
  snapshot_date,
  quest_id,
  t,
  d,
  n,
  s,
  CASE WHEN se IS NULL THEN s ELSE s ^ exp(1.959963984540054 * se) END AS s_low,
  CASE WHEN se IS NULL THEN s ELSE s ^ exp(-1.959963984540054 * se) END AS s_high
FROM band
UNION ALL
SELECT snapshot_date, quest_id, t, d, n, 1.0::DOUBLE, 1.0::DOUBLE, 1.0::DOUBLE
FROM risk
WHERE d = 0;
