-- Lines in quarantine.
SELECT count(*)::DOUBLE AS n FROM rejects;
