-- The segment rows of a run of one day (the nightly's date, and each snapshot run's first): the figures
-- segments/snapshots.sql gives that day (README "Segments": a pair counts under its first event's value, a player who
-- has not met the quest under their own), read straight from the day's state, with none of the multi-day machinery
-- (day0 lookups, running sums, windows), which cost more than the day's own figures. The day's completed rows come
-- summed per quest and value as shown (segment_completed_groups, from the sums the state refresh keeps when they
-- cover the day, else summed from the state), and its other states counted per group (segment_open_day:
-- segment_open's counts, or the same counted from the state, segments/open_day.sql); the quantiles come per group
-- (segment_quantiles_day: kept, or computed from the completion times, segments/quantiles_day*.sql), those of $tz.
-- Cohorts come from segment_cohorts (segments/cohorts.sql). The day end is read as a scalar, not joined from the one-row
-- snapshot_days, so DuckDB estimates the filtered rows right. test/segments.test.ts checks that a backfill and
-- one-day runs store the same rows.
INSERT INTO segment_snapshots
WITH counted AS (
  -- The counted players (seen before the day end; a roster's always) per quarter hour of first sighting, with its
  -- cohort (counted with the cohorts), and a roster's players never seen (no quarter hour, no cohort).
  SELECT cohort, n FROM segment_cohorts WHERE n > 0
  UNION ALL
  SELECT NULL, count(*) FROM snapshot_players
  WHERE seen IS NULL AND (first_seen IS NULL OR first_seen < (SELECT day_end FROM snapshot_days))
  HAVING count(*) > 0
),
open AS (
  -- The day's other states per quest, dimension as kept and value as the day shows it: the counts per bucket (the
  -- own_* rows have no bucket: how many of the value's players met the quest).
  SELECT u.quest_id, u.dimension,
    CASE WHEN u.dimension = 'cohort' THEN coalesce(c.cohort, '(none)') ELSE coalesce(u.value, '(none)') END AS value,
    sum(u.n) FILTER (WHERE u.bucket = 'accepted'::quest_status) AS accepted,
    sum(u.n) FILTER (WHERE u.bucket = 'declined'::quest_status) AS declined,
    sum(u.n) FILTER (WHERE u.bucket = 'abandoned'::quest_status) AS abandoned,
    sum(u.n) FILTER (WHERE u.bucket = 'failed'::quest_status) AS failed,
    sum(u.n) AS n
  FROM segment_open_day u
  LEFT JOIN segment_cohorts c ON c.q = u.cohort_key
  GROUP BY ALL
),
groups AS (
  -- Per quest, dimension as kept and value: the players who met the quest (encountered) and the figures of each
  -- bucket, the completed ones with their completion sums (segment_completed_groups). A pair dimension's row holds
  -- the pair figures, an own_* one (and cohort's, a player's own) how many of the value's own players met the quest.
  SELECT coalesce(o.quest_id, k.quest_id) AS quest_id, coalesce(o.dimension, k.dimension) AS dimension,
    coalesce(o.value, k.value) AS value, o.accepted, o.declined, o.abandoned, o.failed,
    coalesce(o.n, 0) + coalesce(k.completed, 0) AS encountered,
    k.completed, k.seconds_n, k.seconds_sum, k.seconds_min, k.seconds_max, k.attempts_sum, k.anomalies
  FROM open o
  FULL JOIN segment_completed_groups k ON k.quest_id = o.quest_id AND k.dimension = o.dimension AND k.value = o.value
),
own_values AS (
  SELECT build, platform, count(*) AS n
  FROM snapshot_values
  WHERE first_ts < (SELECT day_end FROM snapshot_days)
  GROUP BY ALL
),
own AS (
  -- Counted players per own value: build and platform of those whose first quest event came before the day end
  -- (each of them a counted player: seen no later than that event, or on the roster; snapshot_values holds only
  -- counted players' values), '(none)' for the rest of the day's players; cohort of their first sighting.
  SELECT 'cohort' AS dimension, coalesce(cohort, '(none)') AS value, n
  FROM counted
  UNION ALL
  SELECT unnest(['build', 'platform']), unnest([coalesce(build, '(none)'), coalesce(platform, '(none)')]), n
  FROM own_values
  UNION ALL
  SELECT unnest(['build', 'platform']), '(none)',
    (SELECT sum(n) FROM counted) - coalesce((SELECT sum(n) FROM own_values), 0)
),
own_counts AS (SELECT dimension, value, sum(n) AS n FROM own GROUP BY ALL HAVING sum(n) > 0),
vals AS (
  -- Every value the day knows in a dimension, for every quest (zeros included): its players' own values and the
  -- pair values of the day's states.
  SELECT dimension, value FROM own_counts
  UNION
  SELECT dimension, value FROM groups WHERE dimension IN ('build', 'platform', 'cohort') AND encountered > 0
)
SELECT
  s.snapshot_date,
  v.dimension,
  v.value,
  s.quest_id,
  (coalesce(a.encountered, 0) + coalesce(o.n, 0) - coalesce(e.encountered, 0))::INTEGER AS players,
  coalesce(a.accepted, 0)::INTEGER,
  coalesce(a.declined, 0)::INTEGER,
  coalesce(a.completed, 0)::INTEGER,
  coalesce(a.abandoned, 0)::INTEGER,
  coalesce(a.failed, 0)::INTEGER,
  (coalesce(o.n, 0) - coalesce(e.encountered, 0))::INTEGER AS not_encountered,
  ql_mean_seconds(a.seconds_sum, a.seconds_n),
  a.seconds_min,
  a.seconds_max,
  q.q[1],
  q.q[2],
  a.attempts_sum / a.completed,
  coalesce(a.anomalies, 0)::INTEGER
-- Every (value, quest) of the day's snapshot.
FROM main.snapshots s
JOIN snapshot_days d ON d.snapshot_date = s.snapshot_date
CROSS JOIN vals v
LEFT JOIN own_counts o ON o.dimension = v.dimension AND o.value = v.value
LEFT JOIN groups a ON a.quest_id = s.quest_id AND a.dimension = v.dimension AND a.value = v.value
-- The value's own players who met the quest: under own_build / own_platform, a cohort's under cohort itself.
LEFT JOIN groups e ON e.quest_id = s.quest_id AND e.value = v.value
  AND e.dimension = CASE v.dimension WHEN 'cohort' THEN 'cohort' ELSE 'own_' || v.dimension END
LEFT JOIN (SELECT quest_id, dimension, value, q FROM segment_quantiles_day WHERE tz IN ('', $tz)) q
  ON q.quest_id = s.quest_id AND q.dimension = v.dimension AND q.value = v.value
-- No order: one date (segments/snapshots.sql says why the rows are not sorted further).
;
