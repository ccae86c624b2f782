-- Per (snapshot date, chain, step) funnel figures. A chain is the catalogue quests sharing `chain`, in `sort_order`
-- (then id); quests without a chain are in no funnel. At each day end, per step:
--   reached   players who met the step's quest (any state)
--   completed players who completed it; conversion = completed / reached, with its 95% Wilson interval
--   dropped   players who completed the previous step and never met this one (NULL for the first step)
--   gap       median time from completing the previous step to the latest acceptance of this one, over players who
--             accepted it after that completion (who took it earlier did not wait)
-- Reached and completed are the step quest's own day-end counts: snapshot_figures' encountered and completed (the same
-- day-end rows as day_end_pairs, declined included), so no pass over the pairs here. Dropped and gap need only the
-- players who completed a previous step, each looked up once on the next step's quest: one join keyed by quest and
-- player, not a join of every pair to its chain step and then a self-join of those (~0.5 s less CPU per nightly date
-- at 10M events, the same rows).
INSERT INTO curve_v
WITH steps AS (
  SELECT chain, quest_id, row_number() OVER (PARTITION BY chain ORDER BY sort_order NULLS LAST, quest_id)::INTEGER AS step
  FROM main.catalogue
  WHERE nullif(trim(chain), '') IS NOT NULL
),
links AS (
  -- Each step after the first, with the previous step's quest.
  SELECT cur.quest_id, prev.quest_id AS prev_quest
  FROM steps cur
  JOIN steps prev ON prev.chain = cur.chain AND prev.step = cur.step - 1
),
done AS (
  -- Who completed a previous step, when, keyed by the next step's quest. A subquery, not a join with links: the
  -- planner estimates day_end_pairs at a few rows and built a join's hash table on its ~600,000 completions; the
  -- subquery is answered once per distinct quest (a hash table of the ~800 links).
  SELECT *
  FROM (
    SELECT
      p.snapshot_date,
      p.player_id,
      (SELECT l.quest_id FROM links l WHERE l.prev_quest = p.quest_id) AS quest_id,
      epoch(p.valid_from) AS done_epoch
    FROM day_end_pairs p
    WHERE p.bucket = 'completed'::quest_status AND p.quest_id IN (SELECT prev_quest FROM links)
  )
  WHERE quest_id IS NOT NULL
),
gaps AS (
  SELECT
    d.snapshot_date,
    d.quest_id,
    count(*) FILTER (WHERE m.player_id IS NULL) AS dropped,
    quantile_cont(m.accepted_epoch - d.done_epoch, 0.5)
      FILTER (WHERE m.accepted_epoch >= d.done_epoch) AS median_gap_seconds
  FROM done d
  LEFT JOIN day_end_pairs m
    ON m.snapshot_date = d.snapshot_date AND m.quest_id = d.quest_id AND m.player_id = d.player_id
  GROUP BY ALL
)
SELECT
  d.snapshot_date,
  s.chain,
  s.step,
  s.quest_id,
  d.players,
  coalesce(f.encountered, 0)::INTEGER,
  coalesce(f.completed, 0)::INTEGER,
  CASE WHEN s.step > 1 THEN coalesce(g.dropped, 0)::INTEGER END,
  g.median_gap_seconds,
  CASE WHEN f.encountered > 0 THEN f.completed / f.encountered END,
  ql_wilson_low(coalesce(f.completed, 0), coalesce(f.encountered, 0)),
  ql_wilson_high(coalesce(f.completed, 0), coalesce(f.encountered, 0))
FROM snapshot_days d
CROSS JOIN steps s
LEFT JOIN snapshot_figures f ON f.snapshot_date = d.snapshot_date AND f.quest_id = s.quest_id
LEFT JOIN gaps g ON g.snapshot_date = d.snapshot_date AND g.quest_id = s.quest_id
ORDER BY d.snapshot_date, s.chain, s.step;
