-- Each player with new events (state_pairs, after its merge into pair_first) gets their own values again from all
-- their pairs: build and platform of their first quest event by (time, file, line), and its time. A late file can
-- move that first event, so the player's row is replaced, not merged. The key is one HUGEINT (arg_min over a struct
-- cost several times more), exact while a file has under 2^33 lines.
DELETE FROM main.player_values WHERE player_id IN (SELECT player_id FROM state_pairs);

INSERT INTO main.player_values
SELECT player_id, min(first_ts), arg_min(build, k), arg_min(platform, k)
FROM (
  SELECT player_id, first_ts, build, platform,
    epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k
  FROM main.pair_first
  WHERE player_id IN (SELECT player_id FROM state_pairs)
)
GROUP BY player_id;
