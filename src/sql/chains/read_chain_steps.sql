-- Stored chain steps of one snapshot ($date), one chain ($chain) or all, with the quests' catalogue names.
SELECT
  s.snapshot_date::VARCHAR AS snapshot_date,
  s.chain,
  s.step,
  s.quest_id,
  coalesce(c.name, s.quest_id) AS name,
  s.players,
  s.reached,
  s.completed,
  s.dropped,
  s.median_gap_seconds,
  s.conversion_rate,
  s.conversion_rate_low,
  s.conversion_rate_high
FROM chain_steps s
LEFT JOIN catalogue c ON c.quest_id = s.quest_id
WHERE s.snapshot_date = $date::DATE AND ($chain::VARCHAR IS NULL OR s.chain = $chain::VARCHAR)
ORDER BY s.chain, s.step;
