-- survival_times grouped once per (snapshot date, quest, 5-point band of S): band k = ceil(20·S − 1e-9) holds S in
-- ((k−1)/20, k/20] (1e-9 absorbs a product landing a hair above an edge). Per band, what survival.sql and
-- survival_curve.sql take from the times: the first and last time with a completion (arg_min / arg_max by time:
-- times are distinct within a quest), the at-risk count and completions (a quest's shortest time, where n is every
-- observation, is in its band like any other), and the first times S, its band's ends and S ≤ 0.1 reach their
-- thresholds. Each figure is a min, max or integer sum, so taking it over the bands and then over the quest gives the
-- same value as over the quest's times at once. A band holding only the shortest time (no completion there: S = 1)
-- has no first or last.
CREATE OR REPLACE TEMP TABLE survival_bands AS
SELECT
  snapshot_date,
  quest_id,
  ceil(s * 20 - 1e-9) AS band,
  arg_min({ 't': t, 's': s, 's_low': s_low, 's_high': s_high }, t) FILTER (WHERE d > 0) AS first,
  arg_max({ 't': t, 's': s, 's_low': s_low, 's_high': s_high }, t) FILTER (WHERE d > 0) AS last,
  max(n) AS at_risk,
  sum(d) AS completed,
  min(t) FILTER (WHERE d > 0 AND s <= 0.5 + 1e-9) AS median,
  min(t) FILTER (WHERE d > 0 AND s_low <= 0.5 + 1e-9) AS median_low,
  min(t) FILTER (WHERE d > 0 AND s_high <= 0.5 + 1e-9) AS median_high,
  min(t) FILTER (WHERE d > 0 AND s <= 0.1 + 1e-9) AS p90
FROM survival_times
GROUP BY snapshot_date, quest_id, band;
