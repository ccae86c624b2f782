-- Sessions generated.
SELECT count(*)::INTEGER AS n FROM (SELECT DISTINCT i, session FROM demo_events);
