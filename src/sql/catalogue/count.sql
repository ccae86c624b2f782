-- Quests in the catalogue.
SELECT count(*)::INTEGER AS n FROM catalogue;
