-- First and last day with events, as dates in the snapshot time zone.
SELECT
  min(timezone($tz, ts::TIMESTAMPTZ))::DATE AS first_day,
  max(timezone($tz, ts::TIMESTAMPTZ))::DATE AS last_day
FROM events;
