-- Per (snapshot date, dimension, value, quest) figures for every day in snapshot_days, in one pass over the state
-- (no query per segment, quest or day). The rule (README "Segments"): for each quest a player belongs to exactly one
-- value of a dimension, the value on their first event for that quest (pair_first), or, while they have not met the
-- quest, their own value (segment_players). So, per value v of a dimension on a day:
--   encountered(v)     = states whose pair value is v
--   not_encountered(v) = counted players whose own value is v - states whose player's own value is v
-- and the values' figures add up exactly to the quest's overall ones. A missing value is the value '(none)'.
INSERT INTO segment_snapshots
WITH states AS MATERIALIZED (
  -- The state at each day end, as in snapshot/figures.sql, each row joined once with its pair's and its player's values.
  SELECT s.snapshot_date, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
    pf.build AS pair_build, pf.platform AS pair_platform, p.build AS own_build, p.platform AS own_platform, p.cohort
  FROM (
    SELECT d.snapshot_date, s.player_id, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly
    FROM snapshot_days d
    JOIN snapshot_current s ON s.valid_from < d.day_end
    UNION ALL
    SELECT d.snapshot_date, s.player_id, s.quest_id, s.bucket, NULL, NULL, NULL
    FROM snapshot_days d
    JOIN (SELECT * FROM snapshot_closed WHERE valid_to >= (SELECT min(day_end) FROM snapshot_days)) s
      ON s.valid_from < d.day_end AND s.valid_to >= d.day_end
  ) s
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  LEFT JOIN segment_players p ON p.player_id = s.player_id
),
counted AS MATERIALIZED (
  -- One aggregate, five small groupings of the same rows (GROUPING() says which): the pair's build and platform, the
  -- player's own build and platform, the cohort (pair and own alike). Completion times over completed rows only.
  SELECT snapshot_date, quest_id, pair_build, pair_platform, own_build, own_platform, cohort,
    GROUPING(pair_build, pair_platform, own_build, own_platform, cohort) AS g,
    count(*) FILTER (WHERE bucket = 'accepted'::quest_status) AS accepted,
    count(*) FILTER (WHERE bucket = 'declined'::quest_status) AS declined,
    count(*) FILTER (WHERE bucket = 'completed'::quest_status) AS completed,
    count(*) FILTER (WHERE bucket = 'abandoned'::quest_status) AS abandoned,
    count(*) FILTER (WHERE bucket = 'failed'::quest_status) AS failed,
    count(*) AS encountered
  FROM states
  GROUP BY GROUPING SETS (
    (snapshot_date, quest_id, pair_build), (snapshot_date, quest_id, pair_platform), (snapshot_date, quest_id, cohort),
    (snapshot_date, quest_id, own_build), (snapshot_date, quest_id, own_platform)
  )
),
times AS (
  SELECT snapshot_date, quest_id, pair_build, pair_platform, cohort,
    GROUPING(pair_build, pair_platform, cohort) AS g,
    avg(completion_seconds) AS mean_seconds,
    min(completion_seconds) AS min_seconds,
    max(completion_seconds) AS max_seconds,
    quantile_cont(completion_seconds, [0.5, 0.9]) AS quantiles,
    avg(attempts) AS mean_attempts,
    count(*) FILTER (WHERE anomaly) AS anomalies
  FROM states
  WHERE bucket = 'completed'::quest_status
  GROUP BY GROUPING SETS (
    (snapshot_date, quest_id, pair_build), (snapshot_date, quest_id, pair_platform), (snapshot_date, quest_id, cohort)
  )
),
by_pair AS (
  -- g: 15 = pair build, 23 = pair platform, 30 = cohort (bit set = column not grouped).
  SELECT snapshot_date, quest_id,
    CASE g WHEN 15 THEN 'build' WHEN 23 THEN 'platform' ELSE 'cohort' END AS dimension,
    coalesce(CASE g WHEN 15 THEN pair_build WHEN 23 THEN pair_platform ELSE cohort END, '(none)') AS value,
    accepted, declined, completed, abandoned, failed, encountered
  FROM counted
  WHERE g IN (15, 23, 30)
),
by_own AS (
  -- g: 27 = own build, 29 = own platform, 30 = cohort.
  SELECT snapshot_date, quest_id,
    CASE g WHEN 27 THEN 'build' WHEN 29 THEN 'platform' ELSE 'cohort' END AS dimension,
    coalesce(CASE g WHEN 27 THEN own_build WHEN 29 THEN own_platform ELSE cohort END, '(none)') AS value,
    encountered
  FROM counted
  WHERE g IN (27, 29, 30)
),
by_times AS (
  -- g: 3 = pair build, 5 = pair platform, 6 = cohort.
  SELECT snapshot_date, quest_id,
    CASE g WHEN 3 THEN 'build' WHEN 5 THEN 'platform' ELSE 'cohort' END AS dimension,
    coalesce(CASE g WHEN 3 THEN pair_build WHEN 5 THEN pair_platform ELSE cohort END, '(none)') AS value,
    mean_seconds, min_seconds, max_seconds, quantiles, mean_attempts, anomalies
  FROM times
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
  -- players who have not met the quest are its not_encountered).
  SELECT snapshot_date, dimension, value FROM own_days
  UNION
  SELECT DISTINCT snapshot_date, dimension, value FROM by_pair
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
LEFT JOIN by_times t ON t.snapshot_date = q.snapshot_date AND t.quest_id = q.quest_id AND t.dimension = v.dimension
  AND t.value = v.value
ORDER BY q.snapshot_date, v.dimension, v.value, q.quest_id;
