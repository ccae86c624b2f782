-- The curve for charts: each event time where S enters a new 2-point band (first time S <= 0.98, 0.96, …), so a quest
-- with 100,000 completions draws from ≤ 51 points; the step drawn between two points is at most 0.02 off. One GROUP BY
-- per (date, quest, band) picks that first time (arg_min), cheaper than numbering rows in ~40,000 small partitions.
INSERT INTO survival_curve
SELECT snapshot_date, quest_id, p.t, p.s, p.s_low, p.s_high
FROM (
  SELECT
    snapshot_date,
    quest_id,
    arg_min({ 't': t, 's': s, 's_low': s_low, 's_high': s_high }, t) AS p
  FROM survival_times
  WHERE d > 0
  GROUP BY snapshot_date, quest_id, ceil(s * 50 - 1e-9)
)
ORDER BY snapshot_date, quest_id, p.t;
