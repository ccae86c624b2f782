-- Quest ids in the logs up to $end (NULL = all) that the catalogue lacks (only when there is a catalogue), and
-- catalogue ids nobody has met by then.
WITH seen AS (
  SELECT DISTINCT quest_id FROM events WHERE $end::TIMESTAMP IS NULL OR ts < $end::TIMESTAMP
)
SELECT 'unknown' AS kind, quest_id
FROM seen
WHERE EXISTS (SELECT 1 FROM catalogue) AND quest_id NOT IN (SELECT quest_id FROM catalogue)
UNION ALL
SELECT 'never_seen' AS kind, quest_id
FROM catalogue
WHERE quest_id NOT IN (SELECT quest_id FROM seen)
ORDER BY kind, quest_id;
