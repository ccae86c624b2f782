// node qcheck.mjs DB: every kept quantile row (segment_quantiles) against the same group's quantiles computed afresh
// from state_current (per quest 'overall', pair build and platform, cohort = ISO week of the first sighting in each
// kept zone): kept rows that differ from (or have no) fresh row must be none; fresh groups not kept are allowed (the
// next snapshot computes them).
import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const c = await inst.connect();
const r = await c.runAndReadAll(`
WITH t AS (SELECT * FROM state_current WHERE bucket = 'completed' AND completion_seconds IS NOT NULL),
fresh AS (
  SELECT quest_id, 'overall' AS dimension, '' AS value, '' AS tz, quantile_cont(completion_seconds, [0.5, 0.9]) AS q FROM t GROUP BY ALL
  UNION ALL SELECT quest_id, 'build', coalesce(pair_build, '(none)'), '', quantile_cont(completion_seconds, [0.5, 0.9]) FROM t GROUP BY ALL
  UNION ALL SELECT quest_id, 'platform', coalesce(pair_platform, '(none)'), '', quantile_cont(completion_seconds, [0.5, 0.9]) FROM t GROUP BY ALL
  UNION ALL SELECT quest_id, 'cohort', coalesce(strftime(timezone(z.tz, seen::TIMESTAMPTZ), '%G-W%V'), '(none)'), z.tz,
    quantile_cont(completion_seconds, [0.5, 0.9]) FROM t CROSS JOIN (SELECT DISTINCT tz FROM segment_quantiles WHERE dimension = 'cohort') z GROUP BY ALL
)
SELECT (SELECT count(*) FROM segment_quantiles)::INTEGER AS kept, (SELECT count(*) FROM fresh)::INTEGER AS fresh,
  (SELECT count(*) FROM (SELECT quest_id, dimension, value, tz, q FROM segment_quantiles EXCEPT ALL SELECT * FROM fresh))::INTEGER AS kept_wrong,
  (SELECT string_agg(DISTINCT tz, ',') FROM segment_quantiles)::VARCHAR AS zones`);
console.log('kept quantiles vs fresh', JSON.stringify(r.getRowObjects()[0]));
