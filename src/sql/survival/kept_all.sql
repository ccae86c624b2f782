-- After a refresh that rebuilt the state (every player recomputed): survival_kept counted again from all of it.
DELETE FROM main.survival_kept;
INSERT INTO main.survival_kept SELECT * FROM ql_survival_fixed('state_current');
