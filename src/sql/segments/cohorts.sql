-- The cohorts a one-date segment pass needs (segments/snapshot_day.sql): each quarter hour of a player's first
-- sighting, and its cohort key (ql_cohort_key, what segment_completed keeps), with its ISO week in $tz, converted once
-- per key (local midnights fall on quarter hours, as snapshot/days.sql counts), not once per player or row; and `n`,
-- the players of that quarter hour counted on the (last) day: seen before its end, a roster's always (0 for a key
-- that is no sighting's quarter hour). A table, not a CTE, so DuckDB knows how small it is and builds its joins' hash
-- tables on it; the players are read once for both.
CREATE OR REPLACE TEMP TABLE segment_cohorts AS
WITH quarters AS (
  SELECT time_bucket(INTERVAL 15 MINUTE, seen) AS q,
    count(*) FILTER (WHERE first_seen IS NULL OR first_seen < (SELECT max(day_end) FROM snapshot_days)) AS n
  FROM snapshot_players
  WHERE seen IS NOT NULL
  GROUP BY ALL
)
SELECT q, strftime(timezone($tz, q::TIMESTAMPTZ), '%G-W%V') AS cohort, sum(n)::BIGINT AS n
FROM (
  -- A sighting's cohort key is its quarter hour's (the key's bounds fall on quarter hours).
  SELECT q, n FROM quarters
  UNION ALL
  SELECT ql_cohort_key(q), 0 FROM quarters
)
GROUP BY q;
