-- The Kaplan–Meier curve of time to complete, per (snapshot date, quest), at each distinct observed time, from the
-- latest acceptance. Observations (README "Survival times"):
--   completed with a time       -> an event at completion_seconds
--   accepted (in progress)      -> censored at day end - latest acceptance (still running when the snapshot ends)
--   abandoned, failed           -> censored at its end - latest acceptance (that attempt stopped without completing)
--   declined, or no acceptance  -> not in the estimate (no attempt to time; a completion without acceptance has no time)
-- At risk at t: every observation with time >= t, so a completion and a censoring at the same time count the censored
-- player as still at risk (the usual convention: events before censorings at a tie).
CREATE OR REPLACE TEMP TABLE survival_times AS
WITH obs AS (
  SELECT
    snapshot_date,
    quest_id,
    CASE
      WHEN bucket = 'completed'::quest_status THEN completion_seconds
      WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
      ELSE epoch(valid_from) - accepted_epoch
    END AS t,
    bucket = 'completed'::quest_status AS done
  FROM day_end_pairs
  WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status
),
times AS (
  SELECT snapshot_date, quest_id, t, count(*) FILTER (WHERE done) AS d, count(*) AS m
  FROM obs
  GROUP BY ALL
),
risk AS (
  SELECT *, sum(m) OVER (PARTITION BY snapshot_date, quest_id ORDER BY t DESC) AS n
  FROM times
),
curve AS (
  SELECT
    *,
    -- S(t) = Π (1 - d/n) over event times <= t (product, not exp(Σ ln): a curve that reaches 0 stays exact).
    product(1 - d / n) OVER w AS s,
    -- Greenwood: Var S(t) = S(t)² Σ d / (n (n - d)); a step with d = n drops S to 0, where the band is [0, 0].
    sum(CASE WHEN d < n THEN d / (n * (n - d)) ELSE 0 END) OVER w AS greenwood
  FROM risk
  WINDOW w AS (PARTITION BY snapshot_date, quest_id ORDER BY t ROWS UNBOUNDED PRECEDING)
),
band AS (
  -- log-log band (Kalbfleisch & Prentice): se of log(-log S) = sqrt(Σ) / |log S|; S^exp(±1.96 se) stays in (0, 1).
  SELECT *, CASE WHEN s > 0 AND s < 1 THEN sqrt(greenwood) / abs(ln(s)) END AS se
  FROM curve
)
SELECT
  snapshot_date,
  quest_id,
  t,
  d,
  m,
  n,
  s,
  CASE WHEN se IS NULL THEN s ELSE s ^ exp(1.959963984540054 * se) END AS s_low,
  CASE WHEN se IS NULL THEN s ELSE s ^ exp(-1.959963984540054 * se) END AS s_high
FROM band
ORDER BY snapshot_date, quest_id, t;
