-- The curve for charts: each event time where S enters a new 5-point band (first time S <= 0.95, 0.90, …), and the
-- last event time (where the curve ends). A quest with 100,000 completions draws from ≤ 21 points (the last time is a
-- band's first unless S stays above 0: 20 bands above 0 and the end, or 21 bands down to 0); the step drawn between
-- two points is at most 0.05 off. The band edges hold the median and p90 (0.5, 0.1) and every 5% quantile, so the
-- chart and its data table show exactly those times; the end keeps the chart's time axis and last level as they are
-- (without it, up to 0.05 of the tail would be cut). survival_bands holds each band's first and last time with a
-- completion; the quest's lowest band is the latest (S never rises), and its last time the end.
INSERT INTO survival_curve
WITH points AS (
  SELECT
    snapshot_date,
    quest_id,
    unnest(
      CASE
        WHEN band = min(band) OVER (PARTITION BY snapshot_date, quest_id) AND last.t > first.t THEN [first, last]
        ELSE [first]
      END
    ) AS p
  FROM survival_bands
  WHERE first IS NOT NULL
)
SELECT snapshot_date, quest_id, p.t, p.s, p.s_low, p.s_high
FROM points
ORDER BY snapshot_date, quest_id, p.t;
