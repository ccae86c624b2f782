-- The cohorts a one-date segment pass needs (segments/snapshot_day.sql): each quarter hour of a player's first
-- sighting, and its cohort key (ql_cohort_key, what segment_completed keeps), with its ISO week in $tz, converted once
-- per key (local midnights fall on quarter hours, as snapshot/days.sql counts), not once per player or row. A table,
-- not a CTE, so DuckDB knows how small it is and builds its joins' hash tables on it.
CREATE OR REPLACE TEMP TABLE segment_cohorts AS
SELECT q, strftime(timezone($tz, q::TIMESTAMPTZ), '%G-W%V') AS cohort
FROM (
  -- A sighting's cohort key is its quarter hour's (the key's bounds fall on quarter hours).
  SELECT DISTINCT unnest([q, ql_cohort_key(q)]) AS q
  FROM (SELECT DISTINCT time_bucket(INTERVAL 15 MINUTE, seen) AS q FROM snapshot_players WHERE seen IS NOT NULL)
);
