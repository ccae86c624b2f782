-- Replaces the per-quarter-hour event counts with the cluster's (read from the file the engine wrote them to).
DELETE FROM main.event_quarters;
INSERT INTO main.event_quarters
SELECT make_timestamp(q), n, make_timestamp(last_ts)
FROM read_json({path}, columns = {q: 'BIGINT', n: 'BIGINT', last_ts: 'BIGINT'})
ORDER BY 1;
