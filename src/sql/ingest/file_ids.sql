-- $n new ledger ids, one per file of a batch, ascending.
SELECT nextval('file_id_seq')::INTEGER AS id FROM range($n) ORDER BY id;
