-- Per (snapshot date, dimension, value, quest) figures for every day in snapshot_days, in one pass over the state
-- (no query per segment, quest or day). The rule (README "Segments"): for each quest a player belongs to exactly one
-- value of a dimension, the value on their first event for that quest (pair_first), or, while they have not met the
-- quest, their own value (segment_players). So, per value v of a dimension on a day:
--   encountered(v)     = states whose pair value is v
--   not_encountered(v) = counted players whose own value is v - states whose player's own value is v
-- and the values' figures add up exactly to the quest's overall ones. A missing value is the value '(none)'.
--
-- The state's rows are read once each, not once per day: an open row (state_current) never ends, so it counts from
-- its first day (day0: the first day whose end is after valid_from) on, and its counts and completion times are summed
-- up over the days; a closed row counts on the days whose end it spans (valid_from < day_end <= valid_to): few (most
-- intervals end the day they begin, and the nightly's date spans none).
INSERT INTO segment_snapshots
WITH bounds AS (
  -- The run's first and last days and day ends, and its day ends' times of day in UTC (one, or two across a change of
  -- offset).
  SELECT min(snapshot_date) AS first_day, max(snapshot_date) AS last_day, min(day_end) AS first_end,
    max(day_end) AS last_end, list(DISTINCT day_end - date_trunc('day', day_end)) AS clocks
  FROM snapshot_days
),
quarters AS (
  -- The day each quarter hour from the first day end to the last belongs to (that day's end is the next one after
  -- it). Day ends fall on quarter hours (no zone has a local midnight inside one, as snapshot/days.sql counts).
  SELECT unnest(generate_series(prev_end, day_end - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS quarter, snapshot_date
  FROM (SELECT snapshot_date, day_end, lag(day_end) OVER (ORDER BY snapshot_date) AS prev_end FROM snapshot_days)
  WHERE prev_end IS NOT NULL
),
open_rows AS MATERIALIZED (
  -- Each open row once, with its day0 (none: it counts on no day of the run), its pair's values (kept on the row by
  -- the state refresh) and its player's.
  SELECT s.day0, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
    coalesce(s.pair_build, '(none)') AS pair_build, coalesce(s.pair_platform, '(none)') AS pair_platform,
    coalesce(p.build, '(none)') AS own_build, coalesce(p.platform, '(none)') AS own_platform,
    coalesce(p.cohort, '(none)') AS cohort
  FROM (
    -- Rows from before the run count from its first day (all of them on a one-day run: no lookup).
    SELECT (SELECT first_day FROM bounds) AS day0, *
    FROM snapshot_current
    WHERE valid_from < (SELECT first_end FROM bounds)
    UNION ALL
    SELECT h.snapshot_date, s.*
    FROM snapshot_current s
    JOIN quarters h ON h.quarter = time_bucket(INTERVAL 15 MINUTE, s.valid_from)
    WHERE s.valid_from >= (SELECT first_end FROM bounds) AND s.valid_from < (SELECT last_end FROM bounds)
  ) s
  LEFT JOIN segment_players p ON p.player_id = s.player_id
),
closed_rows AS (
  -- Each closed row spanning a day end, on each day it spans: from its day0 to the day before the first day whose
  -- end is after valid_to (the day after the run when there is none).
  SELECT unnest(generate_series(day0, day1 - 1, INTERVAL 1 DAY))::DATE AS day0, s.quest_id, s.bucket,
    coalesce(pf.build, '(none)') AS pair_build, coalesce(pf.platform, '(none)') AS pair_platform,
    coalesce(p.build, '(none)') AS own_build, coalesce(p.platform, '(none)') AS own_platform,
    coalesce(p.cohort, '(none)') AS cohort
  FROM (
    SELECT s.player_id, s.quest_id, s.bucket,
      CASE WHEN s.valid_from < b.first_end THEN b.first_day ELSE h0.snapshot_date END AS day0,
      CASE WHEN s.valid_to >= b.last_end THEN b.last_day + 1 ELSE h1.snapshot_date END AS day1
    FROM snapshot_closed s
    CROSS JOIN bounds b
    LEFT JOIN quarters h0 ON h0.quarter = time_bucket(INTERVAL 15 MINUTE, s.valid_from)
    LEFT JOIN quarters h1 ON h1.quarter = time_bucket(INTERVAL 15 MINUTE, s.valid_to)
    WHERE s.valid_to >= b.first_end AND s.valid_from < b.last_end
      -- A cheap test first, which the rows that span a day end all pass: spans a midnight after shifting by one of
      -- the day ends' times of day. Most closed rows do not, and skip the lookups.
      AND len(list_filter(b.clocks, lambda c: date_trunc('day', s.valid_to - c) > s.valid_from - c)) > 0
  ) s
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  LEFT JOIN segment_players p ON p.player_id = s.player_id
  WHERE s.day0 < s.day1
),
deltas AS MATERIALIZED (
  -- Counts per (day0, quest, dimension, value): each state row under its pair's build, platform and cohort (pair: the
  -- buckets) and its player's own build, platform and cohort (own: encountered_own); cohort is both.
  SELECT day0, closed, quest_id, dimension, value,
    count(*) FILTER (WHERE pair AND bucket = 'accepted'::quest_status) AS accepted,
    count(*) FILTER (WHERE pair AND bucket = 'declined'::quest_status) AS declined,
    count(*) FILTER (WHERE pair AND bucket = 'completed'::quest_status) AS completed,
    count(*) FILTER (WHERE pair AND bucket = 'abandoned'::quest_status) AS abandoned,
    count(*) FILTER (WHERE pair AND bucket = 'failed'::quest_status) AS failed,
    count(*) FILTER (WHERE pair) AS encountered,
    count(*) FILTER (WHERE own) AS encountered_own
  FROM (
    SELECT day0, closed, quest_id, bucket,
      unnest(['build', 'platform', 'cohort', 'build', 'platform']) AS dimension,
      unnest([pair_build, pair_platform, cohort, own_build, own_platform]) AS value,
      unnest([true, true, true, false, false]) AS pair, unnest([false, false, true, true, true]) AS own
    FROM (
      SELECT day0, false AS closed, quest_id, bucket, pair_build, pair_platform, cohort, own_build, own_platform
      FROM open_rows
      UNION ALL
      SELECT day0, true, quest_id, bucket, pair_build, pair_platform, cohort, own_build, own_platform FROM closed_rows
    )
  )
  GROUP BY ALL
),
open_counts AS (
  -- Open rows' counts summed up over day0, each sum valid from its day0 to the day before the next, put on every one
  -- of those days (the run's days are consecutive dates).
  SELECT unnest(generate_series(day0, coalesce(next_day0 - 1, (SELECT last_day FROM bounds)), INTERVAL 1 DAY))::DATE
      AS snapshot_date,
    quest_id, dimension, value, accepted, declined, completed, abandoned, failed, encountered, encountered_own
  FROM (
    SELECT day0, lead(day0) OVER w AS next_day0, quest_id, dimension, value,
      sum(accepted) OVER w AS accepted,
      sum(declined) OVER w AS declined,
      sum(completed) OVER w AS completed,
      sum(abandoned) OVER w AS abandoned,
      sum(failed) OVER w AS failed,
      sum(encountered) OVER w AS encountered,
      sum(encountered_own) OVER w AS encountered_own
    FROM deltas
    WHERE NOT closed
    WINDOW w AS (PARTITION BY quest_id, dimension, value ORDER BY day0)
  )
),
completers AS MATERIALIZED (
  -- Completed rows never end (completed is absorbing, always open): a day's completers are the open completed rows
  -- with day0 up to that day. One row per completed row and dimension, under its pair's value.
  SELECT day0, quest_id, completion_seconds, attempts, anomaly, unnest(['build', 'platform', 'cohort']) AS dimension,
    unnest([pair_build, pair_platform, cohort]) AS value
  FROM open_rows
  WHERE bucket = 'completed'::quest_status
),
times AS (
  -- The completion times as of each day, of the completers up to it (segments/macros.sql).
  SELECT * FROM ql_segment_times('completers', (SELECT first_day FROM bounds), (SELECT last_day FROM bounds))
),
own_days AS (
  -- Counted players per own value and day; a player has a build only from the day of their first quest event.
  SELECT d.snapshot_date, p.dimension,
    coalesce(CASE WHEN p.value_day IS NULL OR p.value_day <= d.snapshot_date THEN p.value END, '(none)') AS value,
    sum(p.n) AS n
  FROM snapshot_days d
  JOIN (
    SELECT seen_day, value_day, 'build' AS dimension, build AS value, count(*) AS n FROM segment_players GROUP BY ALL
    UNION ALL
    SELECT seen_day, value_day, 'platform', platform, count(*) FROM segment_players GROUP BY ALL
    UNION ALL
    SELECT seen_day, NULL, 'cohort', cohort, count(*) FROM segment_players GROUP BY ALL
  ) p ON p.seen_day IS NULL OR p.seen_day <= d.snapshot_date
  GROUP BY ALL
),
vals AS (
  -- Every value a day knows in a dimension, for every quest of that day's snapshot (zeros included: a value's
  -- players who have not met the quest are its not_encountered): its players' own values, and the pair values of the
  -- day's states (an open row's from its day0 on, a closed row's on its days).
  SELECT snapshot_date, dimension, value FROM own_days
  UNION
  SELECT d.snapshot_date, o.dimension, o.value
  FROM (SELECT dimension, value, min(day0) AS day0 FROM deltas WHERE NOT closed AND encountered > 0 GROUP BY ALL) o
  JOIN snapshot_days d ON d.snapshot_date >= o.day0
  UNION
  SELECT day0, dimension, value FROM deltas WHERE closed AND encountered > 0
),
closed_counts AS (
  SELECT day0 AS snapshot_date, quest_id, dimension, value, accepted, declined, completed, abandoned, failed,
    encountered, encountered_own
  FROM deltas
  WHERE closed
)
SELECT
  s.snapshot_date,
  v.dimension,
  v.value,
  s.quest_id,
  (coalesce(a.encountered, 0) + coalesce(c.encountered, 0) + coalesce(o.n, 0) - coalesce(a.encountered_own, 0)
    - coalesce(c.encountered_own, 0))::INTEGER AS players,
  (coalesce(a.accepted, 0) + coalesce(c.accepted, 0))::INTEGER,
  (coalesce(a.declined, 0) + coalesce(c.declined, 0))::INTEGER,
  (coalesce(a.completed, 0) + coalesce(c.completed, 0))::INTEGER,
  (coalesce(a.abandoned, 0) + coalesce(c.abandoned, 0))::INTEGER,
  (coalesce(a.failed, 0) + coalesce(c.failed, 0))::INTEGER,
  (coalesce(o.n, 0) - coalesce(a.encountered_own, 0) - coalesce(c.encountered_own, 0))::INTEGER AS not_encountered,
  t.mean_seconds,
  t.min_seconds,
  t.max_seconds,
  t.quantiles[1],
  t.quantiles[2],
  t.mean_attempts,
  coalesce(t.anomalies, 0)::INTEGER
-- Every (day, value, quest) of the day's snapshot, with the day's counts: the open rows' sums plus the closed rows'.
FROM main.snapshots s
JOIN vals v ON v.snapshot_date = s.snapshot_date
LEFT JOIN own_days o ON o.snapshot_date = s.snapshot_date AND o.dimension = v.dimension AND o.value = v.value
LEFT JOIN open_counts a ON a.snapshot_date = s.snapshot_date AND a.quest_id = s.quest_id
  AND a.dimension = v.dimension AND a.value = v.value
LEFT JOIN closed_counts c ON c.snapshot_date = s.snapshot_date AND c.quest_id = s.quest_id
  AND c.dimension = v.dimension AND c.value = v.value
LEFT JOIN times t ON t.snapshot_date = s.snapshot_date AND t.quest_id = s.quest_id AND t.dimension = v.dimension
  AND t.value = v.value
-- By date only: readers order their rows themselves (segments/stats.sql), and a full sort of every (day, dimension,
-- value, quest) cost a tenth of a backfill's segment pass; rows by date keep the zone maps of snapshot_date useful.
ORDER BY s.snapshot_date;
