-- Per (snapshot date, quest) survival figures from survival_bands (survival_times grouped by band). The median is the
-- first time the curve is at or below 0.5 (p90: 0.1), NULL when it never gets there; the median's 95% interval is
-- where the band crosses 0.5 (Brookmeyer & Crowley, as R's survfit): from the lower band's crossing (it falls first)
-- to the upper band's, NULL when the upper band stays above 0.5 (too few completions to bound the median). 1e-9
-- absorbs a product like 0.75 · 0.666… landing a hair above 0.5. survival_times keeps each quest's shortest time,
-- where n (at risk) is every observation of the quest, and every time with a completion: so at_risk = max(n),
-- censored = at_risk - Σ d.
INSERT INTO survival
SELECT
  snapshot_date,
  quest_id,
  max(at_risk)::INTEGER AS at_risk,
  (max(at_risk) - sum(completed))::INTEGER AS censored,
  min(median) AS survival_median_seconds,
  min(median_low) AS survival_median_low_seconds,
  min(median_high) AS survival_median_high_seconds,
  min(p90) AS survival_p90_seconds
FROM survival_bands
GROUP BY snapshot_date, quest_id
ORDER BY snapshot_date, quest_id;
