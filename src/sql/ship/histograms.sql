-- The histograms of the cluster's figures ($bins bins), stored with the snapshot rows (migration 009).
INSERT INTO snapshot_histograms
SELECT snapshot_date, quest_id, $bins, min_seconds, max_seconds, hist
FROM cluster_figures
WHERE min_seconds IS NOT NULL
ORDER BY snapshot_date, quest_id;
