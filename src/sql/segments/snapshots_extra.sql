-- Per (snapshot date, extra dimension, value, quest) figures for every day in snapshot_days and every extra dimension
-- in $extras (the ones mapped sources declare, README "Segments"), in one statement. The rule is build's
-- (segments/snapshots.sql): per quest a player belongs to the value of their first event for that quest (pair_first's
-- place in event_dimensions), or, while they have not met the quest, their own value (player_values' place: their
-- first quest event, from its local day on; before it they have none), and a missing value is '(none)'. So
--   encountered(v)     = the day's states whose pair value is v
--   not_encountered(v) = counted players whose own value is v - the day's states whose player's own value is v
-- and the values add up to the quest's overall figures. Values are looked up once per state row and extra, then the
-- rows are counted on each day whose end they span, as snapshot/figures.sql counts the overall ones: the built-in
-- dimensions' kept sums and running sums do not cover extras, and a run without extras skips this statement.
INSERT INTO segment_snapshots
WITH extras AS (
  SELECT unnest($extras::VARCHAR[]) AS dimension
),
bounds AS (
  SELECT min(day_end) AS first_end, max(day_end) AS last_end FROM snapshot_days
),
players AS MATERIALIZED (
  -- Each counted player's own value of every extra, with the local day they count from (NULL: a roster's, always)
  -- and the local day of their first quest event (NULL: none yet; the value is '(none)' before that day).
  SELECT sp.player_id,
    CASE WHEN sp.first_seen IS NOT NULL THEN timezone($tz, sp.first_seen::TIMESTAMPTZ)::DATE END AS seen_day,
    timezone($tz, f.first_ts::TIMESTAMPTZ)::DATE AS value_day,
    x.dimension,
    coalesce(e.value, '(none)') AS value
  FROM snapshot_players sp
  CROSS JOIN extras x
  LEFT JOIN main.player_values f ON f.player_id = sp.player_id
  LEFT JOIN main.event_dimensions e ON e.file_id = f.file_id AND e.line = f.line AND e.dimension = x.dimension
),
state_rows AS MATERIALIZED (
  -- Each state row some day of the run counts (open rows started before its last day end, closed ones spanning one
  -- of its day ends), once per extra, with its pair's value and its player's own (a player with a state row has had
  -- their first quest event by then, so their own value is already theirs).
  SELECT s.closed, s.valid_from, s.valid_to, s.quest_id, s.bucket, s.completion_seconds, s.attempts, s.anomaly,
    x.dimension, coalesce(e.value, '(none)') AS pair_value, coalesce(p.value, '(none)') AS own_value
  FROM (
    SELECT false AS closed, player_id, quest_id, bucket, valid_from, NULL::TIMESTAMP AS valid_to, completion_seconds,
      attempts, anomaly
    FROM snapshot_current
    WHERE valid_from < (SELECT last_end FROM bounds)
    UNION ALL
    SELECT true, player_id, quest_id, bucket, valid_from, valid_to, NULL, NULL, NULL
    FROM snapshot_closed
    WHERE valid_to >= (SELECT first_end FROM bounds) AND valid_from < (SELECT last_end FROM bounds)
  ) s
  JOIN main.pair_first pf ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
  CROSS JOIN extras x
  LEFT JOIN main.event_dimensions e ON e.file_id = pf.file_id AND e.line = pf.line AND e.dimension = x.dimension
  LEFT JOIN players p ON p.player_id = s.player_id AND p.dimension = x.dimension
),
day_rows AS MATERIALIZED (
  -- The state at a day's end: valid_from < day_end <= valid_to (open rows: no end).
  SELECT d.snapshot_date, s.*
  FROM snapshot_days d
  JOIN (SELECT * FROM state_rows WHERE NOT closed) s ON s.valid_from < d.day_end
  UNION ALL
  SELECT d.snapshot_date, s.*
  FROM snapshot_days d
  JOIN (SELECT * FROM state_rows WHERE closed) s ON s.valid_from < d.day_end AND s.valid_to >= d.day_end
),
pair_counts AS (
  SELECT snapshot_date, quest_id, dimension, pair_value AS value,
    count(*) FILTER (WHERE bucket = 'accepted'::quest_status) AS accepted,
    count(*) FILTER (WHERE bucket = 'declined'::quest_status) AS declined,
    count(*) FILTER (WHERE bucket = 'completed'::quest_status) AS completed,
    count(*) FILTER (WHERE bucket = 'abandoned'::quest_status) AS abandoned,
    count(*) FILTER (WHERE bucket = 'failed'::quest_status) AS failed,
    count(*) AS encountered,
    -- Completed rows never end (completed is absorbing, always open), so a day's completers are its completed rows.
    avg(completion_seconds) FILTER (WHERE bucket = 'completed'::quest_status) AS mean_seconds,
    min(completion_seconds) FILTER (WHERE bucket = 'completed'::quest_status) AS min_seconds,
    max(completion_seconds) FILTER (WHERE bucket = 'completed'::quest_status) AS max_seconds,
    quantile_cont(completion_seconds, [0.5, 0.9]) FILTER (WHERE bucket = 'completed'::quest_status) AS quantiles,
    avg(attempts) FILTER (WHERE bucket = 'completed'::quest_status) AS mean_attempts,
    count(*) FILTER (WHERE bucket = 'completed'::quest_status AND anomaly) AS anomalies
  FROM day_rows
  GROUP BY ALL
),
own_met AS (
  -- Per day, quest and own value: how many of the value's players met the quest.
  SELECT snapshot_date, quest_id, dimension, own_value AS value, count(*) AS n FROM day_rows GROUP BY ALL
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
  SELECT snapshot_date, dimension, value FROM pair_counts
)
SELECT
  s.snapshot_date,
  v.dimension,
  v.value,
  s.quest_id,
  (coalesce(a.encountered, 0) + coalesce(o.n, 0) - coalesce(m.n, 0))::INTEGER AS players,
  coalesce(a.accepted, 0)::INTEGER,
  coalesce(a.declined, 0)::INTEGER,
  coalesce(a.completed, 0)::INTEGER,
  coalesce(a.abandoned, 0)::INTEGER,
  coalesce(a.failed, 0)::INTEGER,
  (coalesce(o.n, 0) - coalesce(m.n, 0))::INTEGER AS not_encountered,
  a.mean_seconds,
  a.min_seconds,
  a.max_seconds,
  a.quantiles[1],
  a.quantiles[2],
  a.mean_attempts,
  coalesce(a.anomalies, 0)::INTEGER
-- Every (day, value, quest) of the day's snapshot.
FROM main.snapshots s
JOIN vals v ON v.snapshot_date = s.snapshot_date
LEFT JOIN own_days o ON o.snapshot_date = s.snapshot_date AND o.dimension = v.dimension AND o.value = v.value
LEFT JOIN pair_counts a ON a.snapshot_date = s.snapshot_date AND a.quest_id = s.quest_id
  AND a.dimension = v.dimension AND a.value = v.value
LEFT JOIN own_met m ON m.snapshot_date = s.snapshot_date AND m.quest_id = s.quest_id AND m.dimension = v.dimension
  AND m.value = v.value
-- By date only, as segments/snapshots.sql (readers order their rows themselves).
ORDER BY s.snapshot_date;
