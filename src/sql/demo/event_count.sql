-- Events generated (calibration: events per player of a probe run).
SELECT count(*)::DOUBLE AS n FROM demo_events;
