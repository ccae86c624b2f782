-- Each quest of snapshot date $dates[i] against snapshot $befores[i] (README "What changed"), every pair in one pass:
-- players, conversion (completed / players who met the quest) with its 95% Wilson interval, completers' median and
-- survival median, before and after. Conversion, not completion rate (completed / all players, which falls whenever
-- new players join who have not reached the quest yet), is what is compared. Noise is not movement: a conversion
-- moved when ql_rate_moved says so (two-proportion z, 5% level); a survival median moved when its two 95% intervals
-- do not overlap (a NULL bound is open-ended, so an unbounded median never counts as moved). The completers-only
-- median has no interval here: its change is shown, never called significant.
WITH pairs AS (
  SELECT unnest($dates::VARCHAR[])::DATE AS snapshot_date, unnest($befores::VARCHAR[])::DATE AS previous_date
),
side AS (
  -- Both sides of every pair from one read of the two tables (dates in neither list are skipped by the join).
  SELECT
    s.snapshot_date,
    s.quest_id,
    s.players,
    s.players - s.not_encountered AS encountered,
    s.completed,
    s.conversion_rate,
    s.conversion_rate_low,
    s.conversion_rate_high,
    s.median_seconds,
    v.survival_median_seconds,
    v.survival_median_low_seconds,
    v.survival_median_high_seconds
  FROM snapshots s
  LEFT JOIN survival v ON v.snapshot_date = s.snapshot_date AND v.quest_id = s.quest_id
  WHERE s.snapshot_date IN (SELECT snapshot_date FROM pairs UNION SELECT previous_date FROM pairs)
),
paired AS (
  SELECT
    x.snapshot_date,
    x.previous_date,
    c.quest_id,
    coalesce(k.name, c.quest_id) AS name,
    k.chain,
    k.sort_order,
    c.players,
    p.players AS players_before,
    c.encountered,
    p.encountered AS encountered_before,
    c.completed,
    p.completed AS completed_before,
    c.conversion_rate,
    c.conversion_rate_low,
    c.conversion_rate_high,
    p.conversion_rate AS conversion_rate_before,
    p.conversion_rate_low AS conversion_rate_low_before,
    p.conversion_rate_high AS conversion_rate_high_before,
    c.median_seconds,
    p.median_seconds AS median_seconds_before,
    c.survival_median_seconds,
    c.survival_median_low_seconds,
    c.survival_median_high_seconds,
    p.survival_median_seconds AS survival_median_seconds_before,
    p.survival_median_low_seconds AS survival_median_low_seconds_before,
    p.survival_median_high_seconds AS survival_median_high_seconds_before
  FROM pairs x
  JOIN side c ON c.snapshot_date = x.snapshot_date
  LEFT JOIN side p ON p.snapshot_date = x.previous_date AND p.quest_id = c.quest_id
  LEFT JOIN catalogue k ON k.quest_id = c.quest_id
),
changes AS (
SELECT
  snapshot_date::VARCHAR AS snapshot_date,
  previous_date::VARCHAR AS previous_date,
  sort_order,
  quest_id,
  name,
  chain,
  players,
  players_before,
  players - players_before AS players_change,
  encountered,
  encountered_before,
  conversion_rate,
  conversion_rate_low,
  conversion_rate_high,
  conversion_rate_before,
  conversion_rate_low_before,
  conversion_rate_high_before,
  conversion_rate - conversion_rate_before AS conversion_rate_change,
  ql_two_prop_z(completed, encountered, completed_before, encountered_before) AS conversion_rate_z,
  ql_rate_moved(completed, encountered, completed_before, encountered_before) AS conversion_rate_significant,
  median_seconds,
  median_seconds_before,
  median_seconds - median_seconds_before AS median_seconds_change,
  survival_median_seconds,
  survival_median_low_seconds,
  survival_median_high_seconds,
  survival_median_seconds_before,
  survival_median_low_seconds_before,
  survival_median_high_seconds_before,
  survival_median_seconds - survival_median_seconds_before AS survival_median_seconds_change,
  coalesce(
    survival_median_low_seconds > coalesce(survival_median_high_seconds_before, 'infinity'::DOUBLE)
      OR coalesce(survival_median_high_seconds, 'infinity'::DOUBLE) < survival_median_low_seconds_before,
    false
  ) AS survival_median_significant
FROM paired
)
-- With $full, every row of that snapshot date but only the moved rows of the others: earlier comparisons are read for
-- their movers, and ~1,000 rows per date cost far more to hand to JavaScript than to compute.
SELECT * EXCLUDE (sort_order)
FROM changes
WHERE $full::VARCHAR IS NULL OR snapshot_date = $full::VARCHAR OR conversion_rate_significant
  OR survival_median_significant
ORDER BY snapshot_date DESC, sort_order NULLS LAST, try_cast(quest_id AS BIGINT) NULLS LAST, quest_id;
