-- The run of days computed next (every snapshot statement reads snapshot_days): $first .. $last of snapshot_all_days.
CREATE OR REPLACE TEMP TABLE snapshot_days AS
SELECT *
FROM snapshot_all_days
WHERE snapshot_date BETWEEN $first::DATE AND $last::DATE
ORDER BY snapshot_date;
