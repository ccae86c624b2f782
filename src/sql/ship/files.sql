-- The files of one shipment (ids as a comma-separated list, bound).
CREATE OR REPLACE TEMP TABLE ship_files AS
SELECT DISTINCT unnest(string_split($ids, ','))::INTEGER AS file_id
ORDER BY file_id;
