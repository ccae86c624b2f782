-- survival_risk (see risk.sql) for a run of one date after every event (the nightly's: the day's states are
-- state_current's rows, segments/covers.sql), from the observations that never move, kept per quest and time by the
-- state refresh (survival_kept, migration 017), and the attempts still in progress, censored at the day end and
-- grouped by their acceptance: at 10M events 537,000 rows to sort instead of 758,000 observations, and no pass over
-- the day-end state. The same rows as risk.sql: the same times (the same double arithmetic), exact counts.
CREATE OR REPLACE TEMP VIEW survival_risk AS
WITH observations AS (
  -- One row per (quest, time) in each part; a time in both is one kept row and one row in progress.
  SELECT quest_id, t, completed AS d, completed + censored AS m, true AS kept
  FROM main.survival_kept
  UNION ALL
  SELECT quest_id, epoch((SELECT day_end FROM snapshot_days)) - epoch(valid_from) AS t, 0, count(*), false
  FROM snapshot_current
  WHERE bucket = 'accepted'::quest_status
  GROUP BY quest_id, valid_from
),
ties AS (
  -- From the longest time down: n at risk (every observation with time >= t: RANGE takes in the peers), and how
  -- many rows share the time. One sorted window; the two rows of a shared time need no GROUP BY (measured: grouping
  -- first and a running sum after cost more than this window).
  SELECT
    quest_id,
    t,
    d,
    kept,
    sum(m) OVER (down RANGE UNBOUNDED PRECEDING) AS n,
    count(*) OVER (down RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS peers
  FROM observations
  WINDOW down AS (PARTITION BY quest_id ORDER BY t DESC)
)
-- One row per distinct time: the kept row where the time has one (its d is the time's: attempts in progress add none).
SELECT (SELECT snapshot_date FROM snapshot_days) AS snapshot_date, quest_id, t, d, n
FROM ties
WHERE kept OR peers = 1;
