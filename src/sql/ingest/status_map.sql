-- The mapping's status values (status_map), filled a value at a time by ingest/status_map_value.sql.
CREATE OR REPLACE TEMP TABLE ql_status_map (value VARCHAR PRIMARY KEY, status quest_status);
