-- Whether the engine stored a histogram of $bins bins with the snapshot of $date (ClickHouse does).
SELECT count(*)::INTEGER AS n FROM snapshot_histograms WHERE snapshot_date = $date::DATE AND bins = $bins;
