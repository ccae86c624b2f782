-- One run row per snapshot date: players counted, events loaded up to the day end and the latest of them.
INSERT INTO snapshot_runs
WITH per_day AS (
  -- Events per local day from the per-quarter-hour counts kept by refreshState (every zone's offset is a whole
  -- number of quarter hours, so a quarter hour never straddles a local midnight), summed up to each date below.
  SELECT timezone($tz, q::TIMESTAMPTZ)::DATE AS day, sum(n) AS n, max(last_ts) AS last_ts
  FROM main.event_quarters
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
