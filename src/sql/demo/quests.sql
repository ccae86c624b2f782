-- Quests: storyline quests in the catalogue, then ids only the logs know ('unknown'), then catalogue quests nobody can
-- meet yet ('unreleased'). The first 21 have hand-written names so the sample reads like a game; the rest are composed.
CREATE OR REPLACE TABLE demo_quests AS
WITH named(n, code, name) AS (
  VALUES
    (1, 'FET', 'Fetch the Herbs'), (2, 'KIL', 'Clear the Wolf Den'), (3, 'ESC', 'Escort the Miller'),
    (4, 'DEL', 'Deliver the Letter'), (5, 'EXP', 'Explore the Old Mill'), (6, 'FET', 'Gather Iron Ore'),
    (7, 'CRA', 'Forge a Blade'), (8, 'KIL', 'Drive Off the Bandits'), (9, 'ESC', 'Escort the Caravan'),
    (10, 'EXP', 'Map the Deep Mines'), (11, 'FET', 'Collect Bog Lilies'), (12, 'KIL', 'Hunt the Marsh Troll'),
    (13, 'DEL', 'Bring the Cure'), (14, 'EXP', 'Find the Sunken Shrine'), (15, 'ESC', 'Guide the Pilgrims'),
    (16, 'FET', 'Recover the Star Chart'), (17, 'CRA', 'Repair the Beacon'), (18, 'KIL', 'Defeat the Ash Drake'),
    (19, 'EXP', 'Climb the Spire'), (20, 'DEL', 'Return the Crown'), (21, 'EXP', 'Cross the Frozen Pass')
),
q AS (
  SELECT
    t.j::INTEGER AS j,
    p.seed,
    p.chain_length,
    CASE
      WHEN t.j < p.quests THEN 'story'
      WHEN t.j < p.storyline THEN 'unknown'
      ELSE 'unreleased'
    END AS kind,
    -- Catalogue numbering skips the unknown ids, so unreleased quests continue right after the storyline.
    CASE WHEN t.j < p.quests THEN t.j + 1 ELSE t.j - p.unknown_quests + 1 END::INTEGER AS num,
    t.j - p.quests + 1 AS unknown_num
  FROM demo_params p, range(p.storyline + p.unreleased_quests) t(j)
)
SELECT
  q.j,
  q.kind,
  CASE
    WHEN q.kind = 'unknown' THEN 'EVT' || lpad(q.unknown_num::VARCHAR, 4, '0')
    ELSE coalesce(named.code, ['FET', 'KIL', 'ESC', 'DEL', 'EXP', 'CRA'][1 + q.num % 6]) || lpad(q.num::VARCHAR, 4, '0')
  END AS quest_id,
  coalesce(
    named.name,
    ['Fetch', 'Slay', 'Escort', 'Deliver', 'Explore', 'Craft'][1 + q.num % 6] || ' the '
      || ['Silent', 'Golden', 'Broken', 'Hidden', 'Ancient', 'Crimson', 'Frozen', 'Lost',
          'Wild', 'Sacred', 'Hollow', 'Iron', 'Shadow', 'Gilded', 'Burning', 'Pale'][1 + q.num % 16] || ' '
      || ['Herbs', 'Wolf', 'Merchant', 'Letter', 'Tower', 'Blade', 'Caravan', 'Relic',
          'Shrine', 'Beacon', 'Drake', 'Crown', 'Lantern', 'Harp', 'Banner', 'Idol'][1 + (q.num // 16) % 16]
  ) AS name,
  -- Chains group `chain_length` consecutive catalogue quests; names repeat with a number past the eighth chain.
  (q.num - 1) // q.chain_length AS chain_index,
  ['Greenvale', 'Ironhold', 'Mistmarsh', 'Sunspire', 'Frostpeak', 'Ashen Wastes', 'Saltcoast', 'Duskwood'][
    1 + ((q.num - 1) // q.chain_length) % 8]
    || CASE WHEN (q.num - 1) // q.chain_length >= 8 THEN ' ' || ((q.num - 1) // q.chain_length // 8 + 1) ELSE '' END
    AS chain,
  q.num AS sort_order,
  -- Typical completion time per quest: a median between 3 and 90 minutes and a lognormal spread around it.
  round(180 * exp(ln(30) * demo_u(q.seed, 'median', q.j, 0))) AS median_seconds,
  0.4 + 0.4 * demo_u(q.seed, 'sigma', q.j, 0) AS sigma,
  0.01 AS p_anomaly,
  0.03 + 0.07 * demo_u(q.seed, 'p_decline', q.j, 0) AS p_decline,
  0.04 + 0.06 * demo_u(q.seed, 'p_progress', q.j, 0) AS p_progress,
  0.03 + 0.05 * demo_u(q.seed, 'p_abandon', q.j, 0) AS p_abandon,
  0.02 + 0.08 * demo_u(q.seed, 'p_fail', q.j, 0) AS p_fail
FROM q
LEFT JOIN named ON named.n = q.num AND q.kind <> 'unknown'
ORDER BY q.j;
