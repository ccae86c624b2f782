-- Each quest x segment value (dimension, value) of snapshot $date against snapshot $previous (README "What changed"),
-- from the stored segment_snapshots: players, conversion (completed / players who met the quest) with its 95% Wilson
-- interval, and the completers' median, before and after. $dimension: one dimension, NULL every one. $moved: only the
-- rows whose conversion moved. The same rules as quest_changes.sql: conversion moved when ql_rate_moved says so
-- (two-proportion z, 5% level); the median's change is shown, never called significant. No survival median here:
-- survival times are estimated per quest only. A value absent on $previous has NULL before-figures and never moved.
-- A quest's only value of a dimension on both dates holds all its players (values add up to the quest), so it is the
-- quest's own change again and is left out (e.g. build "(none)" where no log carries builds).
WITH side AS (
  SELECT snapshot_date, dimension, value, quest_id, players, players - not_encountered AS encountered, completed,
    median_seconds, count(*) OVER (PARTITION BY snapshot_date, dimension, quest_id) AS values_of_quest
  FROM main.segment_snapshots
  WHERE snapshot_date IN ($date::DATE, $previous::DATE)
    AND ($dimension::VARCHAR IS NULL OR dimension = $dimension::VARCHAR)
),
paired AS (
  SELECT
    c.dimension,
    c.value,
    c.quest_id,
    c.players,
    p.players AS players_before,
    c.encountered,
    p.encountered AS encountered_before,
    c.completed,
    p.completed AS completed_before,
    c.median_seconds,
    p.median_seconds AS median_seconds_before,
    ql_rates(c.players, c.encountered, c.completed) AS r,
    ql_rates(p.players, p.encountered, p.completed) AS b,
    ql_rate_moved(c.completed, c.encountered, p.completed, p.encountered) AS moved
  FROM side c
  LEFT JOIN side p
    ON p.snapshot_date = $previous::DATE AND p.dimension = c.dimension AND p.value = c.value
    AND p.quest_id = c.quest_id
  WHERE c.snapshot_date = $date::DATE AND NOT (c.values_of_quest = 1 AND coalesce(p.values_of_quest, 1) = 1)
)
SELECT
  x.dimension,
  x.value,
  x.quest_id,
  coalesce(k.name, x.quest_id) AS name,
  x.players,
  x.players_before,
  x.players - x.players_before AS players_change,
  x.encountered,
  x.encountered_before,
  x.r.conversion_rate,
  x.r.conversion_rate_low,
  x.r.conversion_rate_high,
  x.b.conversion_rate AS conversion_rate_before,
  x.b.conversion_rate_low AS conversion_rate_low_before,
  x.b.conversion_rate_high AS conversion_rate_high_before,
  x.r.conversion_rate - x.b.conversion_rate AS conversion_rate_change,
  ql_two_prop_z(x.completed, x.encountered, x.completed_before, x.encountered_before) AS conversion_rate_z,
  x.moved AS conversion_rate_significant,
  x.median_seconds,
  x.median_seconds_before,
  x.median_seconds - x.median_seconds_before AS median_seconds_change
FROM paired x
LEFT JOIN main.catalogue k ON k.quest_id = x.quest_id
WHERE NOT $moved::BOOLEAN OR x.moved
ORDER BY x.dimension, x.value, k.sort_order NULLS LAST, try_cast(x.quest_id AS BIGINT) NULLS LAST, x.quest_id;
