CREATE TEMP TABLE snapshot_figures AS SELECT snapshot_date, quest_id, players AS encountered, completed FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)
