-- The completion times of segments, written once for the built-in dimensions (segments/snapshots.sql) and the extra
-- ones (segments/snapshots_extra.sql). `completers` names a table, view or the calling statement's CTE (query_table
-- resolves it where the macro is called) with day0, quest_id, dimension, value, completion_seconds, attempts, anomaly:
-- one row per completed state row and dimension, under its pair's value, day0 the run's day it counts from;
-- `first_day` and `last_day` are the run's first and last days.
--
-- Completed rows never end (completed is absorbing, always open): a day's completers are those with day0 up to that
-- day. The times as of each day0 that brings completers are those of all completers up to it: a completer counts at
-- its own day0 and at each later such day0 of its quest and value (none in a one-day run: no completer's day0 is
-- before the first day), computed on those days only and put on every day up to the day before the next such day0.
CREATE OR REPLACE TEMP MACRO ql_segment_times(completers, first_day, last_day) AS TABLE
SELECT unnest(generate_series(day0, coalesce(next_day0 - 1, last_day), INTERVAL 1 DAY))::DATE AS snapshot_date,
  quest_id, dimension, value, mean_seconds, min_seconds, max_seconds, quantiles, mean_attempts, anomalies
FROM (
  SELECT day0, lead(day0) OVER (PARTITION BY quest_id, dimension, value ORDER BY day0) AS next_day0,
    quest_id, dimension, value,
    ql_mean_seconds(ql_seconds_sum(completion_seconds), count(completion_seconds)) AS mean_seconds,
    min(completion_seconds) AS min_seconds,
    max(completion_seconds) AS max_seconds,
    quantile_cont(completion_seconds, [0.5, 0.9]) AS quantiles,
    avg(attempts) AS mean_attempts,
    count(*) FILTER (WHERE anomaly) AS anomalies
  FROM (
    SELECT day0, quest_id, dimension, value, completion_seconds, attempts, anomaly FROM query_table(completers)
    UNION ALL
    SELECT p.day0, c.quest_id, c.dimension, c.value, c.completion_seconds, c.attempts, c.anomaly
    FROM query_table(completers) c
    JOIN (SELECT DISTINCT day0, quest_id, dimension, value FROM query_table(completers) WHERE day0 > first_day) p
      ON p.quest_id = c.quest_id AND p.dimension = c.dimension AND p.value = c.value AND c.day0 < p.day0
  )
  GROUP BY day0, quest_id, dimension, value
);
