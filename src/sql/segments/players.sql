-- Each counted player's own values (for the quests they have not met): build and platform of their first quest event
-- (with its local day: before that day they have none yet), cohort = ISO week of their first sighting in $tz.
CREATE OR REPLACE TEMP TABLE segment_players AS
WITH firsts AS (
  SELECT player_id, arg_min({'ts': first_ts, 'build': build, 'platform': platform}, (first_ts, file_id, line)) AS f
  FROM main.pair_first
  GROUP BY player_id
)
SELECT
  sp.player_id,
  timezone($tz, sp.first_seen::TIMESTAMPTZ)::DATE AS seen_day,
  timezone($tz, f.f.ts::TIMESTAMPTZ)::DATE AS value_day,
  f.f.build AS build,
  f.f.platform AS platform,
  strftime(timezone($tz, pf.first_seen::TIMESTAMPTZ), '%G-W%V') AS cohort
FROM snapshot_players sp
LEFT JOIN firsts f ON f.player_id = sp.player_id
LEFT JOIN main.player_first pf ON pf.player_id = sp.player_id;
