-- The segment rows of a run of one day (the nightly's date, and each snapshot run's first): the figures
-- segments/snapshots.sql gives that day (README "Segments": a pair counts under its first event's value, a player who
-- has not met the quest under their own), read straight from the day's state, with none of the multi-day machinery
-- (day0 lookups, running sums, windows), which cost more than the day's own figures. test/segments.test.ts checks
-- that a backfill and one-day runs store the same rows.
INSERT INTO segment_snapshots
WITH day AS (SELECT snapshot_date, day_end FROM snapshot_days),
cohorts AS (
  -- A first sighting's ISO week in $tz, one zone conversion per quarter hour (local midnights fall on quarter hours,
  -- as snapshot/days.sql counts), not one per player.
  SELECT q, strftime(timezone($tz, q::TIMESTAMPTZ), '%G-W%V') AS cohort
  FROM (SELECT DISTINCT time_bucket(INTERVAL 15 MINUTE, seen) AS q FROM snapshot_players)
),
players AS (
  -- The counted players (seen before the day end; a roster's always) with their own values as of the day: build
  -- and platform of their first quest event once it has happened, cohort of their first sighting.
  SELECT sp.player_id,
    coalesce(CASE WHEN f.first_ts < d.day_end THEN f.build END, '(none)') AS build,
    coalesce(CASE WHEN f.first_ts < d.day_end THEN f.platform END, '(none)') AS platform,
    coalesce(c.cohort, '(none)') AS cohort
  FROM snapshot_players sp
  CROSS JOIN day d
  LEFT JOIN main.player_values f ON f.player_id = sp.player_id
  LEFT JOIN cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, sp.seen)
  WHERE sp.first_seen IS NULL OR sp.first_seen < d.day_end
),
states AS MATERIALIZED (
  -- The state at the day end (valid_from < day_end <= valid_to, as snapshot/figures.sql), each row with its pair's
  -- values and its player's own: a state's player met a quest before the day end, so has their build by then, and
  -- is a counted player (seen by then, or on the roster).
  SELECT s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
    coalesce(s.pair_build, '(none)') AS pair_build, coalesce(s.pair_platform, '(none)') AS pair_platform,
    coalesce(s.own_build, '(none)') AS own_build, coalesce(s.own_platform, '(none)') AS own_platform,
    coalesce(c.cohort, '(none)') AS cohort
  FROM (
    -- An open row carries its pair's and its player's values (kept by the state refresh); a closed one, of the few
    -- that span the day end, looks them up.
    SELECT s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly, s.pair_build, s.pair_platform,
      s.own_build, s.own_platform, s.seen
    FROM snapshot_current s, day d
    WHERE s.valid_from < d.day_end
    UNION ALL
    SELECT s.quest_id, s.bucket, NULL, NULL, NULL, pf.build, pf.platform, v.build, v.platform, f.first_seen
    FROM snapshot_closed s
    JOIN day d ON s.valid_to >= d.day_end AND s.valid_from < d.day_end
    JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
    LEFT JOIN main.player_values v ON v.player_id = s.player_id
    LEFT JOIN main.player_first f ON f.player_id = s.player_id
  ) s
  LEFT JOIN cohorts c ON c.q = time_bucket(INTERVAL 15 MINUTE, s.seen)
),
counts AS (
  -- Per (quest, dimension, value): the buckets under the pair's values (cohort is the player's) and the states under
  -- the player's own values; grouped by every value first, so the unnest works on far fewer rows.
  SELECT quest_id, dimension, value,
    sum(n) FILTER (WHERE pair AND bucket = 'accepted'::quest_status) AS accepted,
    sum(n) FILTER (WHERE pair AND bucket = 'declined'::quest_status) AS declined,
    sum(n) FILTER (WHERE pair AND bucket = 'completed'::quest_status) AS completed,
    sum(n) FILTER (WHERE pair AND bucket = 'abandoned'::quest_status) AS abandoned,
    sum(n) FILTER (WHERE pair AND bucket = 'failed'::quest_status) AS failed,
    sum(n) FILTER (WHERE pair) AS encountered,
    sum(n) FILTER (WHERE own) AS encountered_own
  FROM (
    SELECT quest_id, bucket, n,
      unnest(['build', 'platform', 'cohort', 'build', 'platform']) AS dimension,
      unnest([pair_build, pair_platform, cohort, own_build, own_platform]) AS value,
      unnest([true, true, true, false, false]) AS pair, unnest([false, false, true, true, true]) AS own
    FROM (SELECT quest_id, bucket, pair_build, pair_platform, cohort, own_build, own_platform, count(*) AS n
      FROM states GROUP BY ALL)
  )
  GROUP BY ALL
),
times AS (
  -- Completion times of the day's completers (completed rows are always open) under their pair's values.
  SELECT quest_id, dimension, value,
    avg(completion_seconds) AS mean_seconds,
    min(completion_seconds) AS min_seconds,
    max(completion_seconds) AS max_seconds,
    quantile_cont(completion_seconds, [0.5, 0.9]) AS quantiles,
    avg(attempts) AS mean_attempts,
    count(*) FILTER (WHERE anomaly) AS anomalies
  FROM (
    SELECT quest_id, completion_seconds, attempts, anomaly, unnest(['build', 'platform', 'cohort']) AS dimension,
      unnest([pair_build, pair_platform, cohort]) AS value
    FROM states
    WHERE bucket = 'completed'::quest_status
  )
  GROUP BY ALL
),
own AS (
  -- Counted players per own value.
  SELECT unnest(['build', 'platform', 'cohort']) AS dimension, unnest([build, platform, cohort]) AS value, n
  FROM (SELECT build, platform, cohort, count(*) AS n FROM players GROUP BY ALL)
),
own_counts AS (SELECT dimension, value, sum(n) AS n FROM own GROUP BY ALL),
vals AS (
  -- Every value the day knows in a dimension, for every quest (zeros included): its players' own values and the
  -- pair values of the day's states.
  SELECT dimension, value FROM own_counts
  UNION
  SELECT dimension, value FROM counts WHERE encountered > 0
)
SELECT
  s.snapshot_date,
  v.dimension,
  v.value,
  s.quest_id,
  (coalesce(a.encountered, 0) + coalesce(o.n, 0) - coalesce(a.encountered_own, 0))::INTEGER AS players,
  coalesce(a.accepted, 0)::INTEGER,
  coalesce(a.declined, 0)::INTEGER,
  coalesce(a.completed, 0)::INTEGER,
  coalesce(a.abandoned, 0)::INTEGER,
  coalesce(a.failed, 0)::INTEGER,
  (coalesce(o.n, 0) - coalesce(a.encountered_own, 0))::INTEGER AS not_encountered,
  t.mean_seconds,
  t.min_seconds,
  t.max_seconds,
  t.quantiles[1],
  t.quantiles[2],
  t.mean_attempts,
  coalesce(t.anomalies, 0)::INTEGER
-- Every (value, quest) of the day's snapshot.
FROM main.snapshots s
JOIN day d ON d.snapshot_date = s.snapshot_date
CROSS JOIN vals v
LEFT JOIN own_counts o ON o.dimension = v.dimension AND o.value = v.value
LEFT JOIN counts a ON a.quest_id = s.quest_id AND a.dimension = v.dimension AND a.value = v.value
LEFT JOIN times t ON t.quest_id = s.quest_id AND t.dimension = v.dimension AND t.value = v.value
-- No order: one date (segments/snapshots.sql says why the rows are not sorted further).
;
