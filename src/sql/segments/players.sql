-- Each counted player's own values (for the quests they have not met): build and platform of their first quest event
-- (player_values, kept by the state refresh), with its local day (before that day they have none yet), and cohort =
-- ISO week of their first sighting in $tz.
CREATE OR REPLACE TEMP TABLE segment_players AS
SELECT
  sp.player_id,
  -- first_seen is the player's own (player_first) or NULL (a roster's players count from the start): one zone
  -- conversion of it serves the day and the cohort.
  CASE WHEN sp.first_seen IS NOT NULL THEN pf.local_first::DATE END AS seen_day,
  timezone($tz, f.first_ts::TIMESTAMPTZ)::DATE AS value_day,
  f.build AS build,
  f.platform AS platform,
  strftime(pf.local_first, '%G-W%V') AS cohort
FROM snapshot_players sp
LEFT JOIN main.player_values f ON f.player_id = sp.player_id
LEFT JOIN (SELECT player_id, timezone($tz, first_seen::TIMESTAMPTZ) AS local_first FROM main.player_first) pf
  ON pf.player_id = sp.player_id;
