-- Quest ids in the logs up to $end (NULL = all) that the catalogue lacks (only when there is a catalogue), and
-- catalogue ids nobody has met by then. Met quests come from quest_first when it covers every file ($fresh), else
-- from the events themselves (DuckDB drops the branch whose condition is false without reading it).
WITH seen AS (
  SELECT quest_id FROM main.quest_first
  WHERE $fresh AND ($end::TIMESTAMP IS NULL OR first_seen < $end::TIMESTAMP)
  UNION ALL
  SELECT DISTINCT quest_id FROM main.events
  WHERE NOT $fresh AND ($end::TIMESTAMP IS NULL OR ts < $end::TIMESTAMP)
)
SELECT 'unknown' AS kind, quest_id
FROM seen
WHERE EXISTS (SELECT 1 FROM catalogue) AND quest_id NOT IN (SELECT quest_id FROM catalogue)
UNION ALL
SELECT 'never_seen' AS kind, quest_id
FROM catalogue
WHERE quest_id NOT IN (SELECT quest_id FROM seen)
ORDER BY kind, quest_id;
