-- The curve for charts: each event time where S enters a new 2-point band (first time S <= 0.98, 0.96, …), so a quest
-- with 100,000 completions draws from ≤ 51 points; the step drawn between two points is at most 0.02 off.
INSERT INTO survival_curve
SELECT snapshot_date, quest_id, t, s, s_low, s_high
FROM (
  SELECT *, row_number() OVER (PARTITION BY snapshot_date, quest_id, ceil(s * 50 - 1e-9) ORDER BY t) AS k
  FROM survival_times
  WHERE d > 0
)
WHERE k = 1
ORDER BY snapshot_date, quest_id, t;
