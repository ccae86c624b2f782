-- The cluster's per-(date, quest) figures and completion-time histograms (src/sql/clickhouse/figures.sql, read from
-- the file the engine wrote them to): snapshot_figures for snapshots.sql, the same columns the DuckDB engine's
-- figures.sql writes, and the histograms (counts over [min, max]) for snapshot_histograms.
CREATE OR REPLACE TEMP TABLE cluster_figures AS
SELECT *
FROM read_json({path}, columns = {
  snapshot_date: 'DATE', quest_id: 'VARCHAR',
  accepted: 'BIGINT', declined: 'BIGINT', completed: 'BIGINT', abandoned: 'BIGINT', failed: 'BIGINT',
  encountered: 'BIGINT',
  mean_seconds: 'DOUBLE', min_seconds: 'DOUBLE', max_seconds: 'DOUBLE', median_seconds: 'DOUBLE', p90_seconds: 'DOUBLE',
  mean_attempts: 'DOUBLE', anomalies: 'BIGINT', hist: 'INTEGER[]'
})
ORDER BY snapshot_date, quest_id;

CREATE OR REPLACE TEMP TABLE snapshot_figures AS
SELECT * EXCLUDE (hist) FROM cluster_figures ORDER BY snapshot_date, quest_id;
