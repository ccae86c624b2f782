-- How many days the run of days being computed holds (a single day may reuse the figures a nightly kept).
SELECT count(*)::INTEGER AS n FROM snapshot_days;
