-- First and last day with events, as dates in the snapshot time zone (converting two values, not every row).
SELECT
  timezone($tz, min(ts)::TIMESTAMPTZ)::DATE AS first_day,
  timezone($tz, max(ts)::TIMESTAMPTZ)::DATE AS last_day
FROM events;
