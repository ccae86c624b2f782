-- Per (snapshot date, quest) figures for the days in {days} (an array of (day end in microseconds, 'YYYY-MM-DD')),
-- with the completion-time histogram in {bins} bins (counts; its bounds are min and max).
-- A pair counts on a day once its first event is before the day end; it is completed if its first completion is, and
-- otherwise in the bucket of its latest event before the day end (the last packed value below day end * 8, ev being
-- sorted; see pairs_local.sql). The inner query runs on every shard over its own pairs (pairs is Distributed); the
-- shards' partial aggregates (counts, and each quest's completion times for the exact quantiles) meet on the node
-- that asked, whose outer queries finish them. Only these per-(date, quest) rows leave the cluster.
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
  anomalies,
  -- Binned as src/sql/read/completion_histogram.sql bins the local state: equal widths from the fastest to the
  -- slowest, the slowest in the last bin, all in bin 0 when they are equal.
  -- (bin_of goes in as an argument: 18.16 does not fetch a subquery column that only a lambda mentions.)
  arrayMap((i, b) -> toUInt32(countEqual(b, i)), range({bins}), arrayResize([bin_of], {bins}, bin_of)) AS hist
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
    toUInt32(ceil(p90)) AS hi90,
    arrayMap(
      x -> if(sorted[timed] = sorted[1], 0, least(toUInt32(floor((x - sorted[1]) / (sorted[timed] - sorted[1]) * {bins})), {bins} - 1)),
      sorted
    ) AS bin_of
  FROM (
    SELECT
      day.2 AS snapshot_date,
      quest_id,
      countIf(
        NOT (done AND done_at < day.1 AS is_done)
        AND bitAnd(ev[arrayCount(x -> x < day.1 * 8, ev)] AS latest, 7) = 1
      ) AS accepted,
      countIf(NOT is_done AND bitAnd(latest, 7) = 2) AS declined,
      countIf(is_done) AS completed,
      countIf(NOT is_done AND bitAnd(latest, 7) = 4) AS abandoned,
      countIf(NOT is_done AND bitAnd(latest, 7) = 5) AS failed,
      count() AS encountered,
      groupArrayIf(seconds, is_done AND timed) AS times,
      sumIf(attempts, is_done) AS attempts,
      countIf(is_done AND anomaly) AS anomalies
    FROM {db}.pairs
    ARRAY JOIN {days} AS day
    WHERE day.1 > first_ts
    GROUP BY snapshot_date, quest_id
  )
)
ORDER BY snapshot_date, quest_id
