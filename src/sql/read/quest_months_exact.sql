-- The months of stored snapshot rows up to $date of the quests in $quests (those with a gap in their dates, see
-- quest_months.sql), as one 'YYYY-MM,…' list per quest, oldest first.
SELECT quest_id, string_agg(strftime(month, '%Y-%m'), ',' ORDER BY month) AS months
FROM (
  SELECT DISTINCT quest_id, date_trunc('month', snapshot_date)::DATE AS month
  FROM snapshots
  WHERE snapshot_date <= $date::DATE AND list_contains($quests::VARCHAR[], quest_id)
)
GROUP BY quest_id
ORDER BY quest_id;
