-- Per (snapshot date, extra dimension, value, quest) figures for every day in snapshot_days and every extra dimension
-- in $extras (the ones mapped sources declare, README "Segments"), in one statement. The rule is build's
-- (segments/snapshots.sql): per quest a player belongs to the value of their first event for that quest (pair_first's
-- place in event_dimensions), or, while they have not met the quest, their own value (player_values' place: their
-- first quest event, from its local day on; before it they have none), and a missing value is '(none)'. So
--   encountered(v)     = the day's states whose pair value is v
--   not_encountered(v) = counted players whose own value is v - the day's states whose player's own value is v
-- and the values add up to the quest's overall figures. The built-in dimensions' kept sums do not cover extras (and a
-- run without extras skips this statement), so every run reads the state: each row a day of the run counts once, its
-- days from its local dates (from day0 on, until day1), its values looked up once per extra, then counted by running
-- sums over the days of the changes (+1 at day0, -1 at day1), as segments/snapshots.sql does for the built-in ones
-- (the same rule: test/segments-extra.test.ts checks a copy of build gives build's rows).
INSERT INTO segment_snapshots
WITH extras AS (
  SELECT unnest($extras::VARCHAR[]) AS dimension
),
bounds AS (
  -- With the day ends' times of day in UTC (one, or two across a change of offset), for a cheap test below.
  SELECT min(snapshot_date) AS first_day, max(snapshot_date) AS last_day, min(day_end) AS first_end,
    max(day_end) AS last_end, list(DISTINCT day_end - date_trunc('day', day_end)) AS clocks
  FROM snapshot_days
),
own_places AS (
  -- Each counted player's first sighting (NULL: a roster's, counted always) and first quest event (NULL: none yet).
  SELECT sp.player_id, sp.first_seen, f.first_ts, f.file_id, f.line
  FROM snapshot_players sp
  LEFT JOIN main.player_values f ON f.player_id = sp.player_id
),
local_days AS (
  -- The local day of each quarter hour those times fall in (no zone has a local midnight inside one, as
  -- snapshot/days.sql counts): a few thousand zone conversions instead of two per player.
  SELECT q, timezone($tz, q::TIMESTAMPTZ)::DATE AS day
  FROM (
    SELECT time_bucket(INTERVAL 15 MINUTE, first_seen) AS q FROM own_places WHERE first_seen IS NOT NULL
    UNION
    SELECT time_bucket(INTERVAL 15 MINUTE, first_ts) FROM own_places WHERE first_ts IS NOT NULL
  )
),
players AS MATERIALIZED (
  -- Each counted player's own value of every extra, with the local day they count from (NULL: a roster's, always)
  -- and the local day of their first quest event (NULL: none yet; the value is '(none)' before that day).
  SELECT o.player_id, s.day AS seen_day, v.day AS value_day, x.dimension, coalesce(e.value, '(none)') AS value
  FROM own_places o
  LEFT JOIN local_days s ON s.q = time_bucket(INTERVAL 15 MINUTE, o.first_seen)
  LEFT JOIN local_days v ON v.q = time_bucket(INTERVAL 15 MINUTE, o.first_ts)
  CROSS JOIN extras x
  LEFT JOIN main.event_dimensions e ON e.file_id = o.file_id AND e.line = o.line AND e.dimension = x.dimension
),
spans AS (
  -- Each state row some day of the run counts, with the days it counts on: from day0 to the day before day1 (NULL:
  -- none in the run, as for every open row). A day's end is the next local midnight in $tz (snapshot/days.sql), so
  -- the first day whose end is after a time is that time's local date (the first day of the run at the earliest):
  -- no join with the days. A closed row that spans no day end counts on no day and is dropped before any lookup.
  SELECT s.player_id, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
    -- Rows from before the run count from its first day (all of them on a one-day run: no zone conversion).
    CASE WHEN s.valid_from < b.first_end THEN b.first_day ELSE timezone($tz, s.valid_from::TIMESTAMPTZ)::DATE END
      AS day0,
    NULL::DATE AS day1
  FROM snapshot_current s
  CROSS JOIN bounds b
  WHERE s.valid_from < b.last_end
  UNION ALL
  SELECT player_id, quest_id, bucket, NULL, NULL, NULL, greatest(from_day, (SELECT first_day FROM bounds)),
    CASE WHEN to_day <= (SELECT last_day FROM bounds) THEN to_day END
  FROM (
    SELECT player_id, quest_id, bucket, timezone($tz, valid_from::TIMESTAMPTZ)::DATE AS from_day,
      timezone($tz, valid_to::TIMESTAMPTZ)::DATE AS to_day
    FROM (
      SELECT s.*
      FROM snapshot_closed s
      CROSS JOIN bounds b
      WHERE s.valid_to >= b.first_end AND s.valid_from < b.last_end
        -- The cheap test of segments/snapshots.sql first, which every row spanning a day end passes: spans a midnight
        -- after shifting by one of the day ends' times of day. Most closed rows do not, and skip the zone conversions.
        AND len(list_filter(b.clocks, lambda c: date_trunc('day', s.valid_to - c) > s.valid_from - c)) > 0
    )
  )
  -- Spans a local midnight (one inside the run, by the filter on the times): a plain filter, not a join with bounds.
  WHERE from_day < to_day
),
state_rows AS MATERIALIZED (
  -- Each counted state row once per extra, with its pair's value and its player's own (a player with a state row has
  -- had their first quest event by then, so their own value is already theirs).
  SELECT s.day0, s.day1, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly, x.dimension,
    coalesce(e.value, '(none)') AS pair_value, coalesce(p.value, '(none)') AS own_value
  FROM spans s
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  CROSS JOIN extras x
  LEFT JOIN main.event_dimensions e ON e.file_id = pf.file_id AND e.line = pf.line AND e.dimension = x.dimension
  LEFT JOIN players p ON p.player_id = s.player_id AND p.dimension = x.dimension
),
deltas AS (
  -- Per day, quest, dimension and value, how the counts change that day: +1 for a row from its day0, -1 from its
  -- day1; each row under its pair's value (the buckets) and its player's own (own: the value's players who met it).
  SELECT day, quest_id, dimension, value,
    sum(n) FILTER (WHERE pair AND bucket = 'accepted'::quest_status) AS accepted,
    sum(n) FILTER (WHERE pair AND bucket = 'declined'::quest_status) AS declined,
    sum(n) FILTER (WHERE pair AND bucket = 'completed'::quest_status) AS completed,
    sum(n) FILTER (WHERE pair AND bucket = 'abandoned'::quest_status) AS abandoned,
    sum(n) FILTER (WHERE pair AND bucket = 'failed'::quest_status) AS failed,
    sum(n) FILTER (WHERE pair) AS encountered,
    sum(n) FILTER (WHERE NOT pair) AS encountered_own
  FROM (
    SELECT day, n, quest_id, bucket, dimension, unnest([pair_value, own_value]) AS value, unnest([true, false]) AS pair
    FROM (
      SELECT day0 AS day, 1 AS n, quest_id, bucket, dimension, pair_value, own_value FROM state_rows
      UNION ALL
      SELECT day1, -1, quest_id, bucket, dimension, pair_value, own_value FROM state_rows WHERE day1 IS NOT NULL
    )
  )
  GROUP BY ALL
),
counts AS (
  -- The changes summed up over the days, each sum put on every day from its day to the day before the next change
  -- (the run's days are consecutive dates).
  SELECT unnest(generate_series(day, coalesce(next_day - 1, (SELECT last_day FROM bounds)),
      INTERVAL 1 DAY))::DATE AS snapshot_date,
    quest_id, dimension, value, accepted, declined, completed, abandoned, failed, encountered, encountered_own
  FROM (
    SELECT day, lead(day) OVER w AS next_day, quest_id, dimension, value,
      coalesce(sum(accepted) OVER w, 0) AS accepted,
      coalesce(sum(declined) OVER w, 0) AS declined,
      coalesce(sum(completed) OVER w, 0) AS completed,
      coalesce(sum(abandoned) OVER w, 0) AS abandoned,
      coalesce(sum(failed) OVER w, 0) AS failed,
      coalesce(sum(encountered) OVER w, 0) AS encountered,
      coalesce(sum(encountered_own) OVER w, 0) AS encountered_own
    FROM deltas
    WINDOW w AS (PARTITION BY quest_id, dimension, value ORDER BY day)
  )
),
completers AS MATERIALIZED (
  -- Completed rows never end (completed is absorbing, always open): a day's completers are the completed rows with
  -- day0 up to that day, under their pair's value.
  SELECT day0, quest_id, dimension, pair_value AS value, completion_seconds, attempts, anomaly
  FROM state_rows
  WHERE bucket = 'completed'::quest_status
),
times AS (
  -- The completion times as of each day, of the completers up to it (segments/macros.sql).
  SELECT * FROM ql_segment_times('completers', (SELECT first_day FROM bounds), (SELECT last_day FROM bounds))
),
own_days AS (
  -- Counted players per own value and day (grouped before the days are joined: few distinct days).
  SELECT d.snapshot_date, p.dimension,
    CASE WHEN p.value_day IS NOT NULL AND p.value_day <= d.snapshot_date THEN p.value ELSE '(none)' END AS value,
    sum(p.n) AS n
  FROM snapshot_days d
  JOIN (SELECT seen_day, value_day, dimension, value, count(*) AS n FROM players GROUP BY ALL) p
    ON p.seen_day IS NULL OR p.seen_day <= d.snapshot_date
  GROUP BY ALL
),
vals AS (
  -- Every value a day knows in a dimension, for every quest of that day's snapshot (zeros included).
  SELECT snapshot_date, dimension, value FROM own_days
  UNION
  SELECT DISTINCT snapshot_date, dimension, value FROM counts WHERE encountered > 0
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
-- Every (day, value, quest) of the day's snapshot.
FROM main.snapshots s
JOIN vals v ON v.snapshot_date = s.snapshot_date
LEFT JOIN own_days o ON o.snapshot_date = s.snapshot_date AND o.dimension = v.dimension AND o.value = v.value
LEFT JOIN counts a ON a.snapshot_date = s.snapshot_date AND a.quest_id = s.quest_id
  AND a.dimension = v.dimension AND a.value = v.value
LEFT JOIN times t ON t.snapshot_date = s.snapshot_date AND t.quest_id = s.quest_id AND t.dimension = v.dimension
  AND t.value = v.value
-- By date only, as segments/snapshots.sql (readers order their rows themselves).
ORDER BY s.snapshot_date;
