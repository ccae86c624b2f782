-- Each counted player's own values (for the quests they have not met): build and platform of their first quest event
-- (with its local day: before that day they have none yet), cohort = ISO week of their first sighting in $tz.
CREATE OR REPLACE TEMP TABLE segment_players AS
WITH firsts AS (
  -- The player's first quest event by (time, file, line), as one HUGEINT key: arg_min over a struct (value or key)
  -- cost 0.6-0.8 s for 67k players at 1M events, this 0.1 s. Exact while a file has under 2^33 lines.
  SELECT player_id, min(first_ts) AS ts, arg_min(build, k) AS build, arg_min(platform, k) AS platform
  FROM (
    SELECT player_id, first_ts, build, platform,
      epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k
    FROM main.pair_first
  )
  GROUP BY player_id
)
SELECT
  sp.player_id,
  -- first_seen is the player's own (player_first) or NULL (a roster's players count from the start): one zone
  -- conversion of it serves the day and the cohort.
  CASE WHEN sp.first_seen IS NOT NULL THEN pf.local_first::DATE END AS seen_day,
  timezone($tz, f.ts::TIMESTAMPTZ)::DATE AS value_day,
  f.build AS build,
  f.platform AS platform,
  strftime(pf.local_first, '%G-W%V') AS cohort
FROM snapshot_players sp
LEFT JOIN firsts f ON f.player_id = sp.player_id
LEFT JOIN (SELECT player_id, timezone($tz, first_seen::TIMESTAMPTZ) AS local_first FROM main.player_first) pf
  ON pf.player_id = sp.player_id;
