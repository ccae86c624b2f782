-- After a refresh that rebuilt the state (every player recomputed): segment_open counted again from all of it.
DELETE FROM main.segment_open;
INSERT INTO main.segment_open SELECT * FROM ql_open_counts('state_current');
