-- Players: when they start, where in the storyline they enter and how many quests they go on to meet.
CREATE OR REPLACE TABLE demo_players AS
WITH b AS (
  SELECT t.i::INTEGER AS i, p.*
  FROM demo_params p, range(p.players) t(i)
)
SELECT
  b.i,
  'p' || lpad(b.i::VARCHAR, greatest(4, length((b.players - 1)::VARCHAR))::INTEGER, '0') AS player_id,
  -- Players join during the first three quarters of the period, mostly in the evening (sqrt skews late).
  b.start_ts
    + to_days(floor(b.days * 0.75 * demo_u(b.seed, 'join_day', b.i, 0))::INTEGER)
    + to_seconds(
      (7 + floor(17 * sqrt(demo_u(b.seed, 'join_hour', b.i, 0)))) * 3600
      + floor(3600 * demo_u(b.seed, 'join_second', b.i, 0))
    ) AS t0,
  -- Small catalogues are one storyline everybody starts at the top of (a funnel); big ones have many entry chains,
  -- early ones favoured, so every quest gets players.
  CASE
    WHEN b.spread THEN
      least(b.storyline - 1,
        b.chain_length * floor(ceil(b.storyline / b.chain_length) * pow(demo_u(b.seed, 'entry', b.i, 0), 2)))::INTEGER
    ELSE 0
  END AS entry,
  demo_u(b.seed, 'idle', b.i, 0) < b.idle AS is_idle,
  -- 1 + exponential: mean `mean_quests`, so quest k of the storyline is met by about exp(-k / mean) of the players.
  (1 + floor(-(b.mean_quests - 1) * ln(1 - demo_u(b.seed, 'depth', b.i, 0))))::INTEGER AS depth,
  demo_pick(['pc', 'ps5', 'switch', 'ios', 'android'], demo_u(b.seed, 'platform', b.i, 0)) AS platform
FROM b
ORDER BY b.i;
