-- Each (player, quest) with new events, beside its current state when it has one (a join with one row per pair, not
-- with the intervals). The current row's place (cur_row) lets state/extend.sql delete it without joining the state
-- again; its pair values (cur_build, cur_platform: pair_first's) spare state/pairs_night.sql reading pair_first.
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
  c.rowid AS cur_row,
  c.pair_build AS cur_build,
  c.pair_platform AS cur_platform
FROM (SELECT player_id, quest_id, min(ts) AS first_ts FROM state_new GROUP BY ALL) n
LEFT JOIN main.state_current c ON c.player_id = n.player_id AND c.quest_id = n.quest_id;
