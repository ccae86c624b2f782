-- Per (snapshot date, quest) figures for the days in {days} (an array of (day end in microseconds, 'YYYY-MM-DD')),
-- the rules of src/sql/state/quest_state.sql without windows (18.16 has none). For each pair and day, of its events
-- before the day end (`seen`, each packed as ts * 8 + status rank, see pairs_local.sql):
-- - a completion among them makes it completed (absorbing): its first completion `done_at`; the acceptances at or
--   before it (an acceptance at the same instant comes first in the tie-break order) give the attempts and, from the
--   latest, the completion time; none makes it an anomaly without a time;
-- - otherwise its bucket is the status of its latest event, ties broken by rank (the largest packed value).
-- The inner query runs on every shard over its own pairs (pairs is Distributed); the shards' partial aggregates
-- (counts, and each quest's completion times for the exact quantiles) meet on the node that asked, whose outer query
-- finishes them. Only these per-(date, quest) rows leave the cluster.
SELECT
  snapshot_date,
  quest_id,
  accepted,
  declined,
  completed,
  abandoned,
  failed,
  encountered,
  if(timed > 0, arraySum(sorted) / timed, NULL) AS mean_seconds,
  if(timed > 0, sorted[1], NULL) AS min_seconds,
  if(timed > 0, sorted[timed], NULL) AS max_seconds,
  -- quantile_cont: the value at position (n - 1) * p of the sorted times, interpolated between its neighbours
  -- (quantile() samples above 8,192 values and quantileExact does not interpolate).
  if(timed > 0, sorted[lo50 + 1] + (p50 - lo50) * (sorted[hi50 + 1] - sorted[lo50 + 1]), NULL) AS median_seconds,
  if(timed > 0, sorted[lo90 + 1] + (p90 - lo90) * (sorted[hi90 + 1] - sorted[lo90 + 1]), NULL) AS p90_seconds,
  if(completed > 0, attempts / completed, NULL) AS mean_attempts,
  anomalies
FROM (
  SELECT
    *,
    arraySort(times) AS sorted,
    length(sorted) AS timed,
    (timed - 1) * 0.5 AS p50,
    toUInt32(floor(p50)) AS lo50,
    toUInt32(ceil(p50)) AS hi50,
    (timed - 1) * 0.9 AS p90,
    toUInt32(floor(p90)) AS lo90,
    toUInt32(ceil(p90)) AS hi90
  FROM (
    SELECT
      day.2 AS snapshot_date,
      quest_id,
      countIf(
        NOT (notEmpty(arrayFilter(x -> bitAnd(x, 7) = 3, seen) AS completions) AS is_done)
        AND bitAnd(arrayReduce('max', seen) AS latest, 7) = 1
      ) AS accepted,
      countIf(NOT is_done AND bitAnd(latest, 7) = 2) AS declined,
      countIf(is_done) AS completed,
      countIf(NOT is_done AND bitAnd(latest, 7) = 4) AS abandoned,
      countIf(NOT is_done AND bitAnd(latest, 7) = 5) AS failed,
      count() AS encountered,
      groupArrayIf(
        (
          (arrayReduce('min', arrayMap(x -> bitShiftRight(x, 3), completions)) AS done_at)
          - arrayReduce('max', arrayMap(x -> bitShiftRight(x, 3), acc))
        ) / 1000000,
        is_done AND notEmpty(arrayFilter(x -> bitAnd(x, 7) = 1 AND bitShiftRight(x, 3) <= done_at, seen) AS acc)
      ) AS times,
      sumIf(length(acc), is_done) AS attempts,
      countIf(is_done AND empty(acc)) AS anomalies
    FROM {db}.pairs
    ARRAY JOIN {days} AS day
    WHERE day.1 > first_ts AND notEmpty(arrayFilter(x -> bitShiftRight(x, 3) < day.1, ev) AS seen)
    GROUP BY snapshot_date, quest_id
  )
)
ORDER BY snapshot_date, quest_id
