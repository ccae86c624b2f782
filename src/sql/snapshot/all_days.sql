-- Every day a stats run computes, oldest first.
SELECT snapshot_date::VARCHAR AS d FROM snapshot_all_days ORDER BY 1;
