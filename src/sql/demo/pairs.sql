-- One row per (player, quest met): how it ends, how many events it takes, how long, and when it starts.
CREATE OR REPLACE TABLE demo_pairs AS
WITH met AS (
  SELECT pl.i, pl.player_id, pl.t0, pl.platform, pl.entry, s.step::INTEGER AS step
  FROM demo_players pl, demo_params p,
    LATERAL (SELECT unnest(range(CASE WHEN pl.is_idle THEN 0 ELSE least(pl.depth, p.storyline - pl.entry) END)) AS step) s
),
drawn AS (
  SELECT
    m.*,
    q.quest_id,
    p.seed,
    p.seed_only,
    demo_u(p.seed, 'outcome', m.i, q.j) AS u_outcome,
    q.p_anomaly, q.p_decline, q.p_progress, q.p_abandon, q.p_fail,
    p.min_events + floor((p.max_events - p.min_events + 1) * demo_u(p.seed, 'n', m.i, q.j))::INTEGER AS n,
    -- Lognormal completion time around the quest's median, never under 20 s.
    greatest(20, round(q.median_seconds * exp(q.sigma * demo_normal(p.seed, 'duration', m.i, q.j))))::INTEGER AS dur,
    -- Minutes between the attempts of one quest.
    (60 + floor(840 * demo_u(p.seed, 'retry_gap', m.i, q.j)))::INTEGER AS g,
    demo_u(p.seed, 'break', m.i, q.j) < 0.3 AS brk,
    q.j
  FROM met m
  JOIN demo_params p ON true
  JOIN demo_quests q ON q.j = m.entry + m.step
),
shaped AS (
  SELECT
    *,
    CASE
      WHEN u_outcome < p_anomaly THEN 'anomaly'
      WHEN u_outcome < p_anomaly + p_decline THEN 'declined'
      WHEN u_outcome < p_anomaly + p_decline + p_progress THEN 'accepted'
      -- The seed format has no words for abandoning or failing, so seed-format data never does either.
      WHEN NOT seed_only AND u_outcome < p_anomaly + p_decline + p_progress + p_abandon THEN 'abandoned'
      WHEN NOT seed_only AND u_outcome < p_anomaly + p_decline + p_progress + p_abandon + p_fail THEN 'failed'
      ELSE 'completed'
    END AS outcome
  FROM drawn
),
counted AS (
  SELECT
    *,
    -- Some players decline first and accept later.
    CASE WHEN outcome NOT IN ('anomaly', 'declined') AND demo_u(seed, 'declined_first', i, j) < 0.1 THEN 1 ELSE 0 END AS d,
    CASE WHEN outcome IN ('completed', 'abandoned', 'failed') THEN 2 ELSE 1 END AS f,
    -- A resent event (telemetry retry): an exact duplicate, which must count once.
    CASE WHEN demo_u(seed, 'dup', i, j) < 0.02 THEN 1 ELSE 0 END AS dup
  FROM shaped
),
timed AS (
  SELECT
    *,
    -- Earlier attempts that did not finish fill the pair up to its event count.
    CASE WHEN outcome = 'anomaly' THEN 0 ELSE greatest(0, (n - d - f) // 2) END AS r
  FROM counted
),
spans AS (
  SELECT
    *,
    (d + 2 * r) * g
      + CASE
        WHEN outcome = 'completed' THEN dur
        WHEN outcome IN ('abandoned', 'failed') THEN round(dur * (0.2 + 0.6 * demo_u(seed, 'give_up', i, j)))::INTEGER
        ELSE 0
      END AS span,
    -- After a quest the player either moves straight on or logs off until the next day or so (a new session).
    CASE
      WHEN brk THEN 43200 + floor(108000 * demo_u(seed, 'away', i, j))
      ELSE 30 + floor(570 * demo_u(seed, 'next', i, j))
    END::INTEGER AS gap
  FROM timed
)
SELECT
  i, player_id, platform, step, j, quest_id, outcome, d, r, f, dup, g, dur, span,
  t0 + to_seconds(coalesce(sum(span + gap) OVER w, 0)) AS qstart,
  coalesce(sum(brk::INTEGER) OVER w, 0)::INTEGER AS session
FROM spans
WINDOW w AS (PARTITION BY i ORDER BY step ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
;
