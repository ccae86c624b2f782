-- The Kaplan–Meier curve of time to complete, per (snapshot date, quest), at each distinct observed time (the view
-- survival_risk: risk.sql from the day-end state, or risk_kept.sql on a date after every event).
CREATE OR REPLACE TEMP TABLE survival_times AS
WITH steps AS (
  -- S(t) = Π (1 - d/n), summed as logs; a step with d = n drops S to 0 (apart: ln 0 is -inf). Such a step can only
  -- be a quest's longest time (d <= m <= n, so d = n leaves nobody at risk after t), so it is the row itself, not a
  -- running count: a third running sum cost ~0.3 s CPU per date at 10M events.
  -- Greenwood: Var S(t) = S(t)² Σ d / (n (n - d)) over steps with d < n.
  SELECT
    *,
    CASE WHEN d < n THEN ln(1 - d / n) ELSE 0 END AS log_step,
    CASE WHEN d < n THEN d / (n * (n - d)) ELSE 0 END AS gw_step,
    d > 0 AND d = n AS zero_step
  FROM survival_risk
),
curve AS (
  -- Over every distinct time, censored-only ones too: the running sums' order of additions (and so their last bits)
  -- depends on which rows they run over.
  SELECT
    snapshot_date,
    quest_id,
    t,
    d,
    n,
    CASE WHEN zero_step THEN 0.0 ELSE exp(sum(log_step) OVER w) END AS s,
    sum(gw_step) OVER w AS greenwood,
    row_number() OVER w AS i
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
-- quest's shortest time, whose n is every observation of the quest (its at_risk, also for a quest nobody completed).
-- No ORDER BY: a temp table that survival.sql groups and survival_curve.sql windows, never output as is.
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
WHERE d > 0 OR i = 1;
