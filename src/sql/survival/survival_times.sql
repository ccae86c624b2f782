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
-- Running sums over all quests in one order, without PARTITION BY: one sort of the distinct times. Per-quest partitions
-- cost 10x more here (1M events: ~1,000 partitions of ~75 rows, 0.5 s a window against tens of ms). A quest's own
-- running sum is the global one minus its value just before the quest's first row.
run1 AS (
  SELECT *, sum(m) OVER g - m AS m_before
  FROM times
  WINDOW g AS (ORDER BY snapshot_date, quest_id, t ROWS UNBOUNDED PRECEDING)
),
totals AS (
  SELECT snapshot_date, quest_id, sum(m) AS total, min(m_before) AS start
  FROM run1
  GROUP BY ALL
),
risk AS (
  -- At risk at t: observations with time >= t = the quest's total minus those before t.
  SELECT r.snapshot_date, r.quest_id, r.t, r.d, r.m, q.total - (r.m_before - q.start) AS n
  FROM run1 r
  JOIN totals q ON q.snapshot_date = r.snapshot_date AND q.quest_id = r.quest_id
),
steps AS (
  -- S(t) = Π (1 - d/n), summed as logs; a step with d = n drops S to 0 for good (counted apart: ln 0 is -inf).
  -- Greenwood: Var S(t) = S(t)² Σ d / (n (n - d)) over steps with d < n.
  SELECT
    *,
    CASE WHEN d < n THEN ln(1 - d / n) ELSE 0 END AS log_step,
    CASE WHEN d < n THEN d / (n * (n - d)) ELSE 0 END AS gw_step,
    CASE WHEN d > 0 AND d = n THEN 1 ELSE 0 END AS zero_step
  FROM risk
),
run2 AS (
  SELECT *, sum(log_step) OVER g AS log_run, sum(gw_step) OVER g AS gw_run, sum(zero_step) OVER g AS zero_run
  FROM steps
  WINDOW g AS (ORDER BY snapshot_date, quest_id, t ROWS UNBOUNDED PRECEDING)
),
starts AS (
  SELECT
    snapshot_date,
    quest_id,
    arg_min(log_run - log_step, t) AS log0,
    arg_min(gw_run - gw_step, t) AS gw0,
    arg_min(zero_run - zero_step, t) AS zero0
  FROM run2
  GROUP BY ALL
),
curve AS (
  SELECT
    r.snapshot_date,
    r.quest_id,
    r.t,
    r.d,
    r.m,
    r.n,
    CASE WHEN r.zero_run > z.zero0 THEN 0.0 ELSE exp(r.log_run - z.log0) END AS s,
    r.gw_run - z.gw0 AS greenwood
  FROM run2 r
  JOIN starts z ON z.snapshot_date = r.snapshot_date AND z.quest_id = r.quest_id
),
band AS (
  -- log-log band (Kalbfleisch & Prentice): se of log(-log S) = sqrt(Σ) / |log S|; S^exp(±1.96 se) stays in (0, 1).
  -- Σ is a difference of two running sums over every quest (run2), so where it is truly 0 rounding can leave it a
  -- hair below zero (seen at 1M events): clamp it, or sqrt fails the whole snapshot.
  SELECT *, CASE WHEN s > 0 AND s < 1 THEN sqrt(greatest(greenwood, 0.0)) / abs(ln(s)) END AS se
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
