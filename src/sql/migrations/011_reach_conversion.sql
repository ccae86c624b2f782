-- Version 11: reach (encountered / players) and conversion (completed / encountered) beside completion (completed /
-- players), each with its 95% Wilson interval. completion_rate alone mostly ranks quests by how late in the story
-- they sit; conversion ranks them by how the players who met them fare.
ALTER TABLE snapshots ADD COLUMN completion_rate_low DOUBLE;
ALTER TABLE snapshots ADD COLUMN completion_rate_high DOUBLE;
ALTER TABLE snapshots ADD COLUMN reach_rate DOUBLE;
ALTER TABLE snapshots ADD COLUMN reach_rate_low DOUBLE;
ALTER TABLE snapshots ADD COLUMN reach_rate_high DOUBLE;
ALTER TABLE snapshots ADD COLUMN conversion_rate DOUBLE;
ALTER TABLE snapshots ADD COLUMN conversion_rate_low DOUBLE;
ALTER TABLE snapshots ADD COLUMN conversion_rate_high DOUBLE;

-- Stored snapshots get them from their stored counts (the rates are functions of them), by the same macro the
-- snapshot computation uses: no recompute, and old and new rows cannot disagree.
UPDATE snapshots SET
  completion_rate_low = r.completion_rate_low,
  completion_rate_high = r.completion_rate_high,
  reach_rate = r.reach_rate,
  reach_rate_low = r.reach_rate_low,
  reach_rate_high = r.reach_rate_high,
  conversion_rate = r.conversion_rate,
  conversion_rate_low = r.conversion_rate_low,
  conversion_rate_high = r.conversion_rate_high
FROM (
  SELECT snapshot_date, quest_id, unnest(ql_rates(players, players - not_encountered, completed))
  FROM snapshots
) r
WHERE snapshots.snapshot_date = r.snapshot_date AND snapshots.quest_id = r.quest_id;
