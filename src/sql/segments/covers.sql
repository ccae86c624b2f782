-- Which kept sums are the snapshot day's (the last of snapshot_days; never with a roster: they count every player). `completed`: segment_completed, when every kept completion came before the day end. `open`: segment_open
-- too, when every loaded event came before it (event_quarters, kept with the state): then every open row started
-- before the day end and no closed row spans it (a closed row ends where a later row of its pair starts), so the
-- day's states are exactly state_current's rows. The nightly's date is after every event.
SELECT coalesce((SELECT max(last_from) FROM main.segment_completed) < d.day_end, true) AS completed,
  coalesce((SELECT max(last_from) FROM main.segment_completed) < d.day_end, true)
    AND coalesce((SELECT max(last_ts) FROM main.event_quarters) < d.day_end, true) AS open
FROM (SELECT max(day_end) AS day_end FROM snapshot_days) d;
