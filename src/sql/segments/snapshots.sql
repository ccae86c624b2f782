-- Per (snapshot date, dimension, value, quest) figures for every day in snapshot_days, in one pass over the state
-- (no query per segment, quest or day). The rule (README "Segments"): for each quest a player belongs to exactly one
-- value of a dimension, the value on their first event for that quest (pair_first), or, while they have not met the
-- quest, their own value (segment_players). So, per value v of a dimension on a day:
--   encountered(v)     = states whose pair value is v
--   not_encountered(v) = counted players whose own value is v - states whose player's own value is v
-- and the values' figures add up exactly to the quest's overall ones. A missing value is the value '(none)'.
INSERT INTO segment_snapshots
WITH states AS (
  -- The state at each day end, as in snapshot/snapshots.sql: open rows started before it, closed rows spanning it.
  SELECT d.snapshot_date, s.player_id, s.quest_id, s.bucket
  FROM snapshot_days d
  JOIN snapshot_current s ON s.valid_from < d.day_end
  UNION ALL
  SELECT d.snapshot_date, s.player_id, s.quest_id, s.bucket
  FROM snapshot_days d
  JOIN (SELECT * FROM snapshot_closed WHERE valid_to >= (SELECT min(day_end) FROM snapshot_days)) s
    ON s.valid_from < d.day_end AND s.valid_to >= d.day_end
),
per_combo AS (
  -- Counted once per combination of values (a few thousand rows), then spread over the dimensions.
  SELECT s.snapshot_date, s.quest_id, s.bucket,
    pf.build AS pair_build, pf.platform AS pair_platform, p.build, p.platform, p.cohort, count(*) AS n
  FROM states s
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  LEFT JOIN segment_players p ON p.player_id = s.player_id
  GROUP BY ALL
),
per_dim AS (
  -- Spread over the dimensions with UNION ALL (a LATERAL VALUES here cost several times the whole pass).
  SELECT snapshot_date, quest_id, bucket, n, 'build' AS dimension, pair_build AS pair_value, build AS own_value
  FROM per_combo
  UNION ALL
  SELECT snapshot_date, quest_id, bucket, n, 'platform', pair_platform, platform FROM per_combo
  UNION ALL
  SELECT snapshot_date, quest_id, bucket, n, 'cohort', cohort, cohort FROM per_combo
),
by_pair AS (
  SELECT
    snapshot_date, quest_id, dimension, coalesce(pair_value, '(none)') AS value,
    coalesce(sum(n) FILTER (WHERE bucket = 'accepted'::quest_status), 0) AS accepted,
    coalesce(sum(n) FILTER (WHERE bucket = 'declined'::quest_status), 0) AS declined,
    coalesce(sum(n) FILTER (WHERE bucket = 'completed'::quest_status), 0) AS completed,
    coalesce(sum(n) FILTER (WHERE bucket = 'abandoned'::quest_status), 0) AS abandoned,
    coalesce(sum(n) FILTER (WHERE bucket = 'failed'::quest_status), 0) AS failed,
    sum(n) AS encountered
  FROM per_dim
  GROUP BY ALL
),
by_own AS (
  SELECT snapshot_date, quest_id, dimension, coalesce(own_value, '(none)') AS value, sum(n) AS encountered
  FROM per_dim
  GROUP BY ALL
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
completers AS (
  -- Completed rows are always open (completed is absorbing): completers at a day's end, with their pair's values.
  SELECT d.snapshot_date, s.quest_id, s.completion_seconds, s.attempts, s.anomaly, pf.build, pf.platform, p.cohort
  FROM snapshot_days d
  JOIN snapshot_current s ON s.bucket = 'completed'::quest_status AND s.valid_from < d.day_end
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  LEFT JOIN segment_players p ON p.player_id = s.player_id
),
times AS (
  SELECT
    snapshot_date, quest_id, dimension, coalesce(value, '(none)') AS value,
    avg(completion_seconds) AS mean_seconds,
    min(completion_seconds) AS min_seconds,
    max(completion_seconds) AS max_seconds,
    quantile_cont(completion_seconds, [0.5, 0.9]) AS quantiles,
    avg(attempts) AS mean_attempts,
    count(*) FILTER (WHERE anomaly) AS anomalies
  FROM (
    SELECT snapshot_date, quest_id, 'build' AS dimension, build AS value, completion_seconds, attempts, anomaly
    FROM completers
    UNION ALL
    SELECT snapshot_date, quest_id, 'platform', platform, completion_seconds, attempts, anomaly FROM completers
    UNION ALL
    SELECT snapshot_date, quest_id, 'cohort', cohort, completion_seconds, attempts, anomaly FROM completers
  )
  GROUP BY ALL
),
vals AS (
  -- Every value a day knows in a dimension, for every quest of that day's snapshot (zeros included: a value's
  -- players who have not met the quest are its not_encountered).
  SELECT snapshot_date, dimension, value FROM own_days
  UNION
  SELECT snapshot_date, dimension, value FROM by_pair
)
SELECT
  q.snapshot_date,
  v.dimension,
  v.value,
  q.quest_id,
  (coalesce(b.encountered, 0) + coalesce(o.n, 0) - coalesce(e.encountered, 0))::INTEGER AS players,
  coalesce(b.accepted, 0)::INTEGER,
  coalesce(b.declined, 0)::INTEGER,
  coalesce(b.completed, 0)::INTEGER,
  coalesce(b.abandoned, 0)::INTEGER,
  coalesce(b.failed, 0)::INTEGER,
  (coalesce(o.n, 0) - coalesce(e.encountered, 0))::INTEGER AS not_encountered,
  t.mean_seconds,
  t.min_seconds,
  t.max_seconds,
  t.quantiles[1],
  t.quantiles[2],
  t.mean_attempts,
  coalesce(t.anomalies, 0)::INTEGER
FROM main.snapshots q
JOIN vals v ON v.snapshot_date = q.snapshot_date
LEFT JOIN by_pair b ON b.snapshot_date = q.snapshot_date AND b.quest_id = q.quest_id AND b.dimension = v.dimension
  AND b.value = v.value
LEFT JOIN by_own e ON e.snapshot_date = q.snapshot_date AND e.quest_id = q.quest_id AND e.dimension = v.dimension
  AND e.value = v.value
LEFT JOIN own_days o ON o.snapshot_date = q.snapshot_date AND o.dimension = v.dimension AND o.value = v.value
LEFT JOIN times t ON t.snapshot_date = q.snapshot_date AND t.quest_id = q.quest_id AND t.dimension = v.dimension
  AND t.value = v.value
ORDER BY q.snapshot_date, v.dimension, v.value, q.quest_id;
