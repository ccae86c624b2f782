-- The Kaplan–Meier curve of time to complete, per (snapshot date, quest), at each distinct observed time, from the
-- latest acceptance. Observations (README "Survival times"):
--   completed with a time       -> an event at completion_seconds
--   accepted (in progress)      -> censored at day end - latest acceptance (still running when the snapshot ends)
--   abandoned, failed           -> censored at its end - latest acceptance (that attempt stopped without completing)
--   declined, or no acceptance  -> not in the estimate (no attempt to time; a completion without acceptance has no time)
-- At risk at t: every observation with time >= t, so a completion and a censoring at the same time count the censored
-- player as still at risk (the usual convention: events before censorings at a tie).
CREATE OR REPLACE TEMP TABLE st_v AS
WITH observations AS (
  SELECT
    snapshot_date,
    quest_id,
    CASE
      WHEN bucket = 'completed'::quest_status THEN completion_seconds
      WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
      ELSE epoch(valid_from) - accepted_epoch
    END AS t,
    (bucket = 'completed'::quest_status)::INTEGER AS completed
  FROM day_end_pairs
  WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status
),
ties AS (
  -- Per observation, over its quest from the longest time down, completions after censorings at the same time: its
  -- place k and rank r (the place of the first of its peers in (t, completed)). At the last observation of a time,
  -- n = k is the number at risk (every observation with time >= t) and, when that observation is a completion, its
  -- time's completions are d = k - r + 1 (else d = 0). Plain numbering, no aggregate frames: cheaper than counting
  -- peers with RANGE frames (the form before 2026-12-06) for the same d and n.
  SELECT
    snapshot_date,
    quest_id,
    t,
    completed,
    row_number() OVER down AS k,
    rank() OVER down AS r,
    lead(t) OVER down AS next_t
  FROM observations
  WINDOW down AS (PARTITION BY snapshot_date, quest_id ORDER BY t DESC, completed)
),
risk AS (
  -- One row per time with a completion, and each quest's shortest time (next_t IS NULL), whose n is every
  -- observation of the quest (its at_risk, also for a quest nobody completed).
  SELECT
    snapshot_date,
    quest_id,
    t,
    CASE WHEN completed = 1 THEN k - r + 1 ELSE 0 END AS d,
    k AS n
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
  WINDOW w AS (PARTITION BY snapshot_date, quest_id ORDER BY t)
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
