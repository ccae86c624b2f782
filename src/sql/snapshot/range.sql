-- First and last day with events, as dates in the snapshot time zone (from the quarter-hour counts: no quarter hour
-- straddles a local midnight, so its start has the same local date as its events).
SELECT
  timezone($tz, min(q)::TIMESTAMPTZ)::DATE AS first_day,
  timezone($tz, max(q)::TIMESTAMPTZ)::DATE AS last_day
FROM event_quarters;
