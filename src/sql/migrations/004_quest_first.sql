-- Each quest's first event: which quests the logs had met by a day end (coverage), without scanning every event.
-- Kept like player_first: merged from each refresh's new files, rebuilt when files go away.
CREATE TABLE quest_first (quest_id VARCHAR PRIMARY KEY, first_seen TIMESTAMP NOT NULL);

-- As far as the state goes (a database whose state was never refreshed gets it with its first refresh).
INSERT INTO quest_first
SELECT quest_id, min(ts)
FROM events
WHERE file_id <= (SELECT through_file_id FROM state_meta)
GROUP BY quest_id;
