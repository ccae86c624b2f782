CREATE TEMP TABLE snapshot_figures AS SELECT snapshot_date, quest_id, players AS encountered, completed FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days);
-- The catalogue's chains: each quest with a `chain`, numbered in `sort_order` (then id) within it; quests without a
-- chain are in no funnel. A view, read by chain_steps.sql and asked first whether there is any chain at all.
CREATE OR REPLACE TEMP VIEW chain_quests AS
SELECT chain, quest_id, row_number() OVER (PARTITION BY chain ORDER BY sort_order NULLS LAST, quest_id)::INTEGER AS step
FROM main.catalogue
WHERE nullif(trim(chain), '') IS NOT NULL;
