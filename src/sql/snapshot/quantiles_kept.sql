-- Before snapshot/figures_kept.sql: the per-quest quantiles segment_quantiles lacks (the quests whose completed rows
-- changed since the last snapshot after every completion: state/quantiles_gone.sql deleted them), from those quests'
-- completion times only.
INSERT INTO main.segment_quantiles (quest_id, dimension, value, tz, q)
SELECT quest_id, 'overall', '', '', quantile_cont(completion_seconds, [0.5, 0.9])
FROM snapshot_current
WHERE bucket = 'completed'::quest_status AND completion_seconds IS NOT NULL
  AND quest_id NOT IN (SELECT quest_id FROM main.segment_quantiles WHERE dimension = 'overall')
GROUP BY quest_id;
