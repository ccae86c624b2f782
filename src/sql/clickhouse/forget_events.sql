-- Removes the events of files the local ledger no longer has (replaced, or cut short while shipping), on one shard.
-- A mutation: it runs in the background, and questlog waits for it (mutations_done.sql) before shipping.
ALTER TABLE {db}.events_local DELETE WHERE file_id IN ({ids})
