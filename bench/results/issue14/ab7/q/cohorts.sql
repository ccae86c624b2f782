-- @@ c0_current
CREATE OR REPLACE TEMP TABLE c0 AS
WITH quarters AS (
  SELECT time_bucket(INTERVAL 15 MINUTE, seen) AS q,
    count(*) FILTER (WHERE first_seen IS NULL OR first_seen < (SELECT max(day_end) FROM snapshot_days)) AS n
  FROM snapshot_players
  WHERE seen IS NOT NULL
  GROUP BY ALL
)
SELECT q, strftime(timezone($tz, q::TIMESTAMPTZ), '%G-W%V') AS cohort, sum(n)::BIGINT AS n
FROM (
  SELECT q, n FROM quarters
  UNION ALL
  SELECT ql_cohort_key(q), 0 FROM quarters
)
GROUP BY q;
-- @@ c1_nofilter
CREATE OR REPLACE TEMP TABLE c1 AS
SELECT time_bucket(INTERVAL 15 MINUTE, seen) AS q, count(*) AS n FROM snapshot_players WHERE seen IS NOT NULL GROUP BY ALL;
-- @@ c2_noq
CREATE OR REPLACE TEMP TABLE c2 AS
SELECT seen AS q, count(*) AS n FROM snapshot_players WHERE seen IS NOT NULL GROUP BY ALL;
-- @@ c3_epoch
CREATE OR REPLACE TEMP TABLE c3 AS
SELECT epoch_us(seen) // 900000000 AS q, count(*) AS n FROM snapshot_players WHERE seen IS NOT NULL GROUP BY ALL;
-- @@ c4_scan
CREATE OR REPLACE TEMP TABLE c4 AS
SELECT count(*) AS n, max(seen) FROM snapshot_players WHERE seen IS NOT NULL;
-- @@ c5_trunc
CREATE OR REPLACE TEMP TABLE c5 AS
SELECT date_trunc('minute', seen) AS q, count(*) AS n FROM snapshot_players WHERE seen IS NOT NULL GROUP BY ALL;
