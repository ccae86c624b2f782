-- The stored (thinned) survival curve of one snapshot ($date), one quest ($quest) or all.
SELECT quest_id, seconds, surviving, surviving_low, surviving_high
FROM survival_curve
WHERE snapshot_date = $date::DATE AND ($quest::VARCHAR IS NULL OR quest_id = $quest::VARCHAR)
ORDER BY quest_id, seconds;
