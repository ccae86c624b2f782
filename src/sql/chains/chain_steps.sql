-- Per (snapshot date, chain, step) funnel figures. A chain is the catalogue quests sharing `chain`, in `sort_order`
-- (then id); quests without a chain are in no funnel. At each day end, per step:
--   reached   players who met the step's quest (any state)
--   completed players who completed it; conversion = completed / reached, with its 95% Wilson interval
--   dropped   players who completed the previous step and never met this one (NULL for the first step)
--   gap       median time from completing the previous step to the latest acceptance of this one, over players who
--             accepted it after that completion (who took it earlier did not wait)
INSERT INTO chain_steps
WITH steps AS (
  SELECT chain, quest_id, row_number() OVER (PARTITION BY chain ORDER BY sort_order NULLS LAST, quest_id)::INTEGER AS step
  FROM main.catalogue
  WHERE nullif(trim(chain), '') IS NOT NULL
),
pairs AS (
  SELECT p.snapshot_date, s.chain, s.step, p.player_id, p.bucket, p.valid_from, p.accepted_epoch
  FROM day_end_pairs p
  JOIN steps s ON s.quest_id = p.quest_id
),
per_step AS (
  SELECT
    snapshot_date,
    chain,
    step,
    count(*) AS reached,
    count(*) FILTER (WHERE bucket = 'completed'::quest_status) AS completed
  FROM pairs
  GROUP BY ALL
),
links AS (
  SELECT
    prev.snapshot_date,
    prev.chain,
    prev.step + 1 AS step,
    count(*) FILTER (WHERE cur.player_id IS NULL) AS dropped,
    quantile_cont(cur.accepted_epoch - epoch(prev.valid_from), 0.5)
      FILTER (WHERE cur.accepted_epoch >= epoch(prev.valid_from)) AS median_gap_seconds
  FROM pairs prev
  LEFT JOIN pairs cur
    ON cur.snapshot_date = prev.snapshot_date AND cur.chain = prev.chain AND cur.step = prev.step + 1
    AND cur.player_id = prev.player_id
  WHERE prev.bucket = 'completed'::quest_status
  GROUP BY ALL
)
SELECT
  d.snapshot_date,
  s.chain,
  s.step,
  s.quest_id,
  d.players,
  coalesce(p.reached, 0)::INTEGER,
  coalesce(p.completed, 0)::INTEGER,
  CASE WHEN s.step > 1 THEN coalesce(l.dropped, 0)::INTEGER END,
  l.median_gap_seconds,
  CASE WHEN p.reached > 0 THEN p.completed / p.reached END,
  ql_wilson_low(coalesce(p.completed, 0), coalesce(p.reached, 0)),
  ql_wilson_high(coalesce(p.completed, 0), coalesce(p.reached, 0))
FROM snapshot_days d
CROSS JOIN steps s
LEFT JOIN per_step p ON p.snapshot_date = d.snapshot_date AND p.chain = s.chain AND p.step = s.step
LEFT JOIN links l ON l.snapshot_date = d.snapshot_date AND l.chain = s.chain AND l.step = s.step
ORDER BY d.snapshot_date, s.chain, s.step;
