-- The unclean files leave the batch (and any rows of theirs already in events): the exact path loads them again.
DELETE FROM events WHERE file_id IN (SELECT file_id FROM ql_unclean);
DELETE FROM ql_batch WHERE file_id IN (SELECT file_id FROM ql_unclean);
