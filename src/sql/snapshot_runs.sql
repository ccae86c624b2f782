-- One run row per snapshot date: players counted, events loaded up to the day end and the latest of them.
INSERT INTO snapshot_runs
WITH quarter_hours AS (
  -- Every zone's offset is a whole number of quarter hours, so a quarter hour never straddles a local midnight:
  -- counting per quarter hour first converts a few thousand values to local dates instead of every event.
  SELECT time_bucket(INTERVAL 15 MINUTE, ts) AS q, count(*) AS n, max(ts) AS last_ts
  FROM main.events
  GROUP BY ALL
),
per_day AS (
  -- Events per local day (a handful of rows), summed up to each snapshot date below.
  SELECT timezone($tz, q::TIMESTAMPTZ)::DATE AS day, sum(n) AS n, max(last_ts) AS last_ts
  FROM quarter_hours
  GROUP BY ALL
)
SELECT
  d.snapshot_date,
  $computed_at::TIMESTAMP,
  d.players,
  coalesce(sum(e.n), 0)::BIGINT,
  max(e.last_ts),
  d.day_end,
  $tz
FROM snapshot_days d
LEFT JOIN per_day e ON e.day <= d.snapshot_date
GROUP BY d.snapshot_date, d.players, d.day_end
ORDER BY d.snapshot_date;
