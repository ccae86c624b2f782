-- The snapshot dates to compute, each with its day end (start of the next day in $tz, as a UTC timestamp) and the
-- number of players counted that day (seen before the day end; NULL first_seen = always, i.e. roster players).
-- Computed in runs of days (batch_days.sql), so a long backfill can say how far it is.
CREATE OR REPLACE TEMP TABLE snapshot_all_days AS
WITH days AS (
  SELECT d::DATE AS snapshot_date, timezone($tz, (d::DATE + 1)::TIMESTAMP)::TIMESTAMP AS day_end
  FROM generate_series($from::DATE, $to::DATE, INTERVAL 1 DAY) AS t(d)
),
newcomers AS (
  -- Players per first day (a handful of rows), so the per-day count is a small join, not players x days. Counted per
  -- quarter hour first (no zone has a local midnight inside one): a few thousand zone conversions, not one per player.
  SELECT timezone($tz, q::TIMESTAMPTZ)::DATE AS first_day, sum(n) AS n
  FROM (SELECT time_bucket(INTERVAL 15 MINUTE, first_seen) AS q, count(*) AS n FROM snapshot_players GROUP BY ALL)
  GROUP BY ALL
)
SELECT d.snapshot_date, d.day_end, coalesce(sum(n.n), 0)::INTEGER AS players
FROM days d
LEFT JOIN newcomers n ON n.first_day IS NULL OR n.first_day <= d.snapshot_date
GROUP BY d.snapshot_date, d.day_end
ORDER BY d.snapshot_date;
