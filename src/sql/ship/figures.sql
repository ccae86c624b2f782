-- The cluster's per-(date, quest) figures (src/sql/clickhouse/figures.sql, read from the file {path} names) as the
-- snapshot_figures that snapshots.sql stores, the same columns the DuckDB engine's figures.sql writes.
CREATE OR REPLACE TEMP TABLE snapshot_figures AS
SELECT *
FROM read_json({path}, columns = {
  snapshot_date: 'DATE', quest_id: 'VARCHAR',
  accepted: 'BIGINT', declined: 'BIGINT', completed: 'BIGINT', abandoned: 'BIGINT', failed: 'BIGINT',
  encountered: 'BIGINT',
  mean_seconds: 'DOUBLE', min_seconds: 'DOUBLE', max_seconds: 'DOUBLE', median_seconds: 'DOUBLE', p90_seconds: 'DOUBLE',
  mean_attempts: 'DOUBLE', anomalies: 'BIGINT'
})
ORDER BY snapshot_date, quest_id;
