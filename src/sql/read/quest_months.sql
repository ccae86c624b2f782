-- Which calendar months each quest has stored snapshot rows in, up to $date (the month files it gets).
SELECT DISTINCT quest_id, strftime(snapshot_date, '%Y-%m') AS month
FROM snapshots
WHERE snapshot_date <= $date::DATE
ORDER BY quest_id, month;
