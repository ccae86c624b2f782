-- Ledger rows ({rows}: (file_id, identity, state, events) tuples, escaped by client.ts: 18.16 binds no values here).
INSERT INTO {db}.files VALUES {rows}
