-- Each quest of snapshot $date against snapshot $before (README "What changed"): players, completion rate, completers'
-- median and survival median, before and after. Noise is not movement: a completion rate moved when the two-proportion
-- z (ql_two_prop_z) is beyond ±1.959964 (5% level); a survival median moved when its two 95% intervals do not overlap
-- (a NULL bound is open-ended, so an unbounded median never counts as moved). The completers-only median has no
-- interval here: its change is shown, never called significant.
WITH cur AS (
  SELECT s.*, v.survival_median_seconds, v.survival_median_low_seconds, v.survival_median_high_seconds
  FROM snapshots s
  LEFT JOIN survival v ON v.snapshot_date = s.snapshot_date AND v.quest_id = s.quest_id
  WHERE s.snapshot_date = $date::DATE
),
prev AS (
  SELECT s.*, v.survival_median_seconds, v.survival_median_low_seconds, v.survival_median_high_seconds
  FROM snapshots s
  LEFT JOIN survival v ON v.snapshot_date = s.snapshot_date AND v.quest_id = s.quest_id
  WHERE s.snapshot_date = $before::DATE
),
paired AS (
  SELECT
    c.quest_id,
    coalesce(k.name, c.quest_id) AS name,
    k.chain,
    k.sort_order,
    c.players,
    p.players AS players_before,
    c.completed,
    p.completed AS completed_before,
    c.completion_rate,
    p.completion_rate AS completion_rate_before,
    ql_two_prop_z(c.completed, c.players, p.completed, p.players) AS completion_rate_z,
    c.median_seconds,
    p.median_seconds AS median_seconds_before,
    c.survival_median_seconds,
    p.survival_median_seconds AS survival_median_seconds_before,
    c.survival_median_low_seconds > coalesce(p.survival_median_high_seconds, 'infinity'::DOUBLE)
      OR coalesce(c.survival_median_high_seconds, 'infinity'::DOUBLE) < p.survival_median_low_seconds
      AS survival_moved
  FROM cur c
  LEFT JOIN prev p ON p.quest_id = c.quest_id
  LEFT JOIN catalogue k ON k.quest_id = c.quest_id
)
SELECT
  quest_id,
  name,
  chain,
  players,
  players_before,
  players - players_before AS players_change,
  completion_rate,
  completion_rate_before,
  completion_rate - completion_rate_before AS completion_rate_change,
  completion_rate_z,
  coalesce(abs(completion_rate_z) > 1.959963984540054, false) AS completion_rate_significant,
  median_seconds,
  median_seconds_before,
  median_seconds - median_seconds_before AS median_seconds_change,
  survival_median_seconds,
  survival_median_seconds_before,
  survival_median_seconds - survival_median_seconds_before AS survival_median_seconds_change,
  coalesce(survival_moved, false) AS survival_median_significant
FROM paired
ORDER BY sort_order NULLS LAST, try_cast(quest_id AS BIGINT) NULLS LAST, quest_id;
