-- What the demo generated: events, players and quests.
SELECT (SELECT count(*) FROM demo_events)::BIGINT::DOUBLE AS events,
       (SELECT count(*) FROM demo_players)::INTEGER AS players,
       (SELECT count(*) FROM demo_quests)::INTEGER AS quests;
