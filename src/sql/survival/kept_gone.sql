-- Before a state refresh deletes or rewrites any open row: the kept survival observations (ql_survival_fixed) of the
-- open rows of every player about to be recomputed (state_redo); kept_gone_ext.sql adds the continued pairs' rows.
-- kept.sql takes them back from survival_kept (counts subtract exactly).
CREATE OR REPLACE TEMP VIEW survival_leaving AS
SELECT * FROM main.state_current WHERE player_id IN (SELECT player_id FROM state_redo);

CREATE OR REPLACE TEMP TABLE survival_gone AS
SELECT * FROM ql_survival_fixed('survival_leaving');

DROP VIEW survival_leaving;
