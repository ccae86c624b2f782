-- Every event of every pair, in the order the player produced them; cut at the end of the period.
CREATE OR REPLACE TABLE demo_events AS
WITH e AS (
  SELECT pr.*, x.e::INTEGER AS e
  FROM demo_pairs pr, LATERAL (SELECT unnest(range(pr.d + 2 * pr.r + pr.f + pr.dup)) AS e) x
),
s AS (
  SELECT
    e.*,
    p.seed,
    p.seed_only,
    p.shards,
    p.start_ts,
    p.end_ts,
    e.d + 2 * e.r AS pre,
    -- The duplicate repeats the final event, time included.
    least(e.e - e.d - 2 * e.r, e.f - 1) AS fe
  FROM e, demo_params p
)
SELECT
  qstart + to_seconds(
    CASE WHEN e < pre THEN e * g ELSE pre * g + CASE WHEN fe = 1 THEN span - pre * g ELSE 0 END END
  ) AS ts,
  i,
  step,
  e,
  player_id,
  quest_id,
  CASE
    WHEN e < d THEN 'declined'
    WHEN e < pre THEN
      CASE
        WHEN (e - d) % 2 = 0 THEN 'accepted'
        WHEN seed_only THEN 'declined'
        WHEN demo_u3(seed, 'setback', i, j, e) < 0.5 THEN 'failed'
        ELSE 'abandoned'
      END
    WHEN outcome = 'anomaly' THEN 'completed'
    WHEN outcome IN ('accepted', 'declined') THEN outcome
    WHEN fe = 0 THEN 'accepted'
    ELSE outcome
  END AS status,
  session,
  platform,
  i % shards AS shard
FROM s
WHERE qstart + to_seconds(
    CASE WHEN e < pre THEN e * g ELSE pre * g + CASE WHEN fe = 1 THEN span - pre * g ELSE 0 END END
  ) < end_ts
;
