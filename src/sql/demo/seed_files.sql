-- The seed format: one file per play session, `HH:MM:SS,EVENT,MESSAGE` with the offset from the session start,
-- quest lines among the game's other chatter (which ingest counts as ignored).
WITH quest AS (
  SELECT
    i, player_id, session, ts, platform,
    -- A marathon session is cut every 20 hours so offsets stay below 24:00:00.
    floor(epoch(ts - min(ts) OVER (PARTITION BY i, session)) / 72000)::INTEGER AS part,
    step * 1000 + e AS ord,
    'QUEST_STATUS' AS event,
    quest_id || ' ' || upper(status) AS message
  FROM demo_events
),
sessions AS (
  SELECT
    i, player_id, session, part,
    min(ts) - to_seconds(30 + floor(270 * demo_u3(any_value(p.seed), 'lead', i, session, part))) AS started,
    max(ts) AS last_ts,
    any_value(p.seed) AS seed,
    any_value(p.start_ts) AS start_ts,
    any_value(quest.platform) AS platform
  FROM quest, demo_params p
  GROUP BY i, player_id, session, part
  UNION ALL
  -- Idle players only log in and look around: seen, but never meet a quest.
  SELECT pl.i, pl.player_id, 0, 0, pl.t0, pl.t0 + to_seconds(300 + floor(2100 * demo_u(p.seed, 'idle_len', pl.i, 0))),
    p.seed, p.start_ts, pl.platform
  FROM demo_players pl, demo_params p
  WHERE pl.is_idle
),
spans AS (
  SELECT
    *,
    (epoch(last_ts - started) + 60 + floor(600 * demo_u3(seed, 'tail', i, session, part)))::INTEGER AS end_off,
    2 + floor(5 * demo_u3(seed, 'chatter', i, session, part))::INTEGER AS chatter
  FROM sessions
),
chatter AS (
  SELECT
    s.i, s.session, s.part, c.k,
    floor(s.end_off * demo_u3(s.seed, 'at', s.i, s.session * 100 + s.part, c.k))::INTEGER AS off,
    demo_u3(s.seed, 'kind', s.i, s.session * 100 + s.part, c.k) AS u_kind,
    demo_u3(s.seed, 'what', s.i, s.session * 100 + s.part, c.k) AS u_what,
    s.started
  FROM spans s, LATERAL (SELECT unnest(range(s.chatter)) AS k) c
),
chatter_lines AS (
  SELECT
    i, session, part, off, 2 AS kind, k AS ord,
    CASE
      WHEN u_kind < 0.2 THEN 'LEVEL_UP'
      WHEN u_kind < 0.6 THEN 'ITEM_PICKUP'
      WHEN u_kind < 0.8 THEN 'GOLD_EARNED'
      ELSE 'NPC_TALK'
    END AS event,
    CASE
      -- Levels climb through the player's whole history, across sessions.
      WHEN u_kind < 0.2 THEN (1 + row_number() OVER (PARTITION BY i, u_kind < 0.2 ORDER BY started, off, k))::VARCHAR
      WHEN u_kind < 0.6 THEN demo_pick(['Healing Herb', 'Iron Ore', 'Bog Lily', 'Wolf Pelt', 'Old Key', 'Star Shard',
        'Bread', 'Torch', 'Silver Ring', 'Arrow x20'], u_what)
      WHEN u_kind < 0.8 THEN (5 + floor(495 * u_what))::INTEGER::VARCHAR
      ELSE demo_pick(['Elder Mara', 'Smith Boran', 'Captain Ilse', 'Hermit Oake', 'Merchant Tully'], u_what)
    END AS message
  FROM chatter
),
lines AS (
  -- The build of the week the session started in, then the player's platform (questlog keeps both).
  SELECT s.i, s.session, s.part, 0 AS off, 0 AS kind, 0 AS ord, 'SESSION_START' AS event,
    '1.' || (4 + epoch(s.started - s.start_ts)::BIGINT // 604800) || '.0 ' || s.platform AS message
  FROM spans s
  UNION ALL
  SELECT q.i, q.session, q.part, epoch(q.ts - s.started)::INTEGER, 1, q.ord, q.event, q.message
  FROM quest q JOIN spans s USING (i, session, part)
  UNION ALL
  SELECT i, session, part, off, kind, ord, event, message FROM chatter_lines
  UNION ALL
  SELECT s.i, s.session, s.part, s.end_off, 3, 0, 'SESSION_END',
    demo_pick(['quit', 'quit', 'quit', 'disconnect'], demo_u3(s.seed, 'bye', s.i, s.session, s.part))
  FROM spans s
)
SELECT
  s.player_id || '/' || strftime(s.started, '%Y-%m-%dT%H-%M-%S') || '.csv' AS path,
  string_agg(demo_hms(l.off) || ',' || l.event || ',' || l.message, chr(10) ORDER BY l.off, l.kind, l.ord) || chr(10)
    AS content
FROM spans s
JOIN lines l USING (i, session, part)
GROUP BY s.player_id, s.started
ORDER BY path;
