-- Each (snapshot date, player, quest) state at the day end, with the latest acceptance at or before it (as epoch
-- seconds): where survival times and chain gaps start. Declined pairs are kept (chains count them as reached).
-- Open rows hold it directly; a closed row (a past day of a backfill) is an acceptance itself, or for an abandoned or
-- failed one the pair's latest accepted interval before it (closed rows keep no last_accept). The nightly's date is
-- after every closed interval, so it reads none of them.
CREATE OR REPLACE TEMP VIEW day_end_pairs AS
SELECT
  d.snapshot_date,
  d.day_end,
  s.player_id,
  s.quest_id,
  s.bucket,
  s.valid_from,
  s.completion_seconds,
  CASE
    -- A completion's time is measured from the latest acceptance: that acceptance is valid_from - the time.
    WHEN s.bucket = 'completed'::quest_status THEN epoch(s.valid_from) - s.completion_seconds
    WHEN s.bucket = 'accepted'::quest_status THEN epoch(s.valid_from)
    ELSE epoch(s.last_accept)
  END AS accepted_epoch
FROM snapshot_days d
JOIN snapshot_current s ON s.valid_from < d.day_end
UNION ALL
SELECT
  d.snapshot_date,
  d.day_end,
  s.player_id,
  s.quest_id,
  s.bucket,
  s.valid_from,
  s.completion_seconds,
  CASE
    WHEN s.bucket = 'accepted'::quest_status THEN epoch(s.valid_from)
    WHEN s.bucket IN ('abandoned'::quest_status, 'failed'::quest_status) THEN (
      SELECT epoch(max(a.valid_from))
      FROM snapshot_closed a
      WHERE a.player_id = s.player_id AND a.quest_id = s.quest_id
        AND a.bucket = 'accepted'::quest_status AND a.valid_from <= s.valid_from
    )
  END AS accepted_epoch
FROM snapshot_days d
JOIN (SELECT * FROM snapshot_closed WHERE valid_to >= (SELECT min(day_end) FROM snapshot_days)) s
  ON s.valid_from < d.day_end AND s.valid_to >= d.day_end;
