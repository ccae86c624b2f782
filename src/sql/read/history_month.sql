-- One calendar month ($month, 'YYYY-MM') of stored snapshot rows up to $date, every quest: one history month file each.
SELECT
  s.snapshot_date,
  s.quest_id,
  coalesce(c.name, s.quest_id) AS name,
  c.chain,
  c.sort_order,
  c.quest_id IS NOT NULL AS in_catalogue,
  s.* EXCLUDE (snapshot_date, quest_id)
FROM snapshots s
LEFT JOIN catalogue c ON c.quest_id = s.quest_id
WHERE strftime(s.snapshot_date, '%Y-%m') = $month::VARCHAR
  AND s.snapshot_date <= $date::DATE
ORDER BY s.quest_id, s.snapshot_date;
