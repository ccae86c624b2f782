-- The day's states other than completed counted per group, from the state (a day before some event, or a roster):
-- the counts segment_open keeps (ql_open_counts), over the open rows with valid_from < day_end and the closed rows
-- spanning the day end (valid_from < day_end <= valid_to). The open rows carry their pair's and their player's values
-- (kept by the state refresh); the closed ones look them up (the players' tables are read only for their players: on
-- a date after every closed row the semi-joins are empty and DuckDB skips those scans). The cohort key is the
-- sighting's quarter hour (segments/cohorts.sql converts both kinds). Each dimension is grouped on its own (no row
-- repeated per dimension); the day end is a scalar, not a join, so DuckDB estimates the filtered rows right.
CREATE OR REPLACE TEMP VIEW segment_open_day AS
WITH closed AS MATERIALIZED (
  SELECT player_id, quest_id, bucket
  FROM snapshot_closed
  WHERE valid_to >= (SELECT day_end FROM snapshot_days) AND valid_from < (SELECT day_end FROM snapshot_days)
),
open AS (
  SELECT quest_id, bucket, pair_build, pair_platform, own_build, own_platform,
    time_bucket(INTERVAL 15 MINUTE, seen) AS k
  FROM (
    SELECT quest_id, bucket, pair_build, pair_platform, own_build, own_platform, seen
    FROM snapshot_current
    WHERE bucket <> 'completed'::quest_status AND valid_from < (SELECT day_end FROM snapshot_days)
    UNION ALL
    SELECT s.quest_id, s.bucket, pf.build, pf.platform, v.build, v.platform, f.first_seen
    FROM closed s
    JOIN (SELECT * FROM main.pair_first WHERE player_id IN (SELECT player_id FROM closed)) pf
      ON pf.player_id = s.player_id AND pf.quest_id = s.quest_id
    LEFT JOIN (SELECT * FROM main.player_values WHERE player_id IN (SELECT player_id FROM closed)) v
      ON v.player_id = s.player_id
    LEFT JOIN (SELECT * FROM main.player_first WHERE player_id IN (SELECT player_id FROM closed)) f
      ON f.player_id = s.player_id
  )
)
SELECT quest_id,
  CASE g WHEN 15 THEN 'build' WHEN 23 THEN 'platform' WHEN 59 THEN 'own_build' WHEN 61 THEN 'own_platform'
    ELSE 'cohort' END AS dimension,
  CASE g WHEN 15 THEN pair_build WHEN 23 THEN pair_platform WHEN 59 THEN own_build WHEN 61 THEN own_platform END
    AS value,
  CASE g WHEN 30 THEN k END AS cohort_key,
  bucket,
  n
FROM (
  SELECT quest_id, bucket, pair_build, pair_platform, own_build, own_platform, k, count(*) AS n,
    -- Which set a row is of: a bit per column left out, bucket the highest (15: bucket and pair_build kept).
    GROUPING(bucket, pair_build, pair_platform, own_build, own_platform, k) AS g
  FROM open
  GROUP BY GROUPING SETS (
    (quest_id, bucket, pair_build), (quest_id, bucket, pair_platform), (quest_id, own_build), (quest_id, own_platform),
    (quest_id, bucket, k)
  )
);
