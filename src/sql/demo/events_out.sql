-- One shard of canonical events, time-ordered like a real log; `$from`/`$until` select the history or the last day.
SELECT
  ts,
  player_id,
  quest_id,
  status,
  player_id || '-s' || lpad((session + 1)::VARCHAR, 3, '0') AS session_id,
  '1.' || (4 + epoch(ts - $start::TIMESTAMP)::BIGINT // 604800) || '.0' AS build,
  platform
FROM demo_events
WHERE shard = $shard AND ts >= $from::TIMESTAMP AND ts < $until::TIMESTAMP
ORDER BY ts, i, step, e;
