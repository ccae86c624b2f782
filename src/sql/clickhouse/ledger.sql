-- What the cluster holds, per file: its identity, whether its events are complete (state 1) or were cut short (0).
SELECT file_id, identity, max(state) AS state
FROM {db}.files
GROUP BY file_id, identity
ORDER BY file_id, identity
