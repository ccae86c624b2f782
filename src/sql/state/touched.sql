-- Each (player, quest) with new events, beside its current state when it has one (a join with one row per pair, not
-- with the intervals).
CREATE OR REPLACE TEMP TABLE state_touched AS
SELECT
  n.player_id,
  n.quest_id,
  n.first_ts,
  c.valid_from AS cur_from,
  c.bucket AS cur_bucket,
  c.completion_seconds AS cur_seconds,
  c.attempts AS cur_attempts,
  c.anomaly AS cur_anomaly,
  c.last_accept AS cur_last_accept,
  -- The open row's segment values: what state/open_gone_ext.sql takes back from segment_open when the row closes.
  c.pair_build AS cur_pair_build,
  c.pair_platform AS cur_pair_platform,
  c.own_build AS cur_own_build,
  c.own_platform AS cur_own_platform,
  c.seen AS cur_seen
FROM (SELECT player_id, quest_id, min(ts) AS first_ts FROM state_new GROUP BY ALL) n
LEFT JOIN main.state_current c ON c.player_id = n.player_id AND c.quest_id = n.quest_id;
