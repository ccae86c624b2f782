-- Removes those files from one shard's part of the cluster's ledger (after their events: a crash in between leaves
-- them listed, and the next sync removes them again).
ALTER TABLE {db}.files_local DELETE WHERE file_id IN ({ids})
